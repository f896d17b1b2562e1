package io.mlops.registry.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlops.registry.webhook.DeliveryAttempt;
import io.mlops.registry.webhook.NewWebhook;
import io.mlops.registry.webhook.Webhook;
import io.mlops.registry.webhook.WebhookAddressPolicy;
import io.mlops.registry.webhook.WebhookEvent;
import io.mlops.registry.webhook.WebhookStore;
import io.mlops.tracking.http.Json;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The registry API's webhook endpoints: list, add and remove subscriptions, and read a webhook's
 * delivery log. All need the token; a secret goes in and never comes back out.
 */
final class WebhookEndpoints {
    private final WebhookStore webhooks;
    private final WebhookAddressPolicy addresses;

    WebhookEndpoints(WebhookStore webhooks, WebhookAddressPolicy addresses) {
        this.addresses = addresses;
        this.webhooks = webhooks;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.guarded("GET", "webhooks", this::list),
                ApiRoute.guarded("POST", "webhooks", this::add),
                ApiRoute.guarded("DELETE", "webhooks/{id}", this::remove),
                ApiRoute.guarded("GET", "webhooks/{id}/deliveries", this::deliveries));
    }

    private JsonNode list(ApiCall call) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode list = body.putArray("webhooks");
        webhooks.list().forEach(webhook -> list.add(json(webhook)));
        return body;
    }

    private JsonNode add(ApiCall call) {
        String url = call.requiredText("url");
        String secret = call.requiredText("secret");
        JsonNode events = call.body().get("events");
        if (events == null || !events.isArray() || events.isEmpty()) {
            throw ApiError.invalid("the request body needs 'events', a non-empty list of VERSION_CREATED,"
                    + " ALIAS_MOVED, DEPLOYMENT_CHANGED");
        }
        Set<WebhookEvent> kinds = EnumSet.noneOf(WebhookEvent.class);
        for (JsonNode event : events) {
            if (!event.isTextual()) {
                throw ApiError.invalid("'events' must list event names, not " + event);
            }
            kinds.add(WebhookEvent.parse(event.asText()));
        }
        JsonNode model = call.body().get("model");
        if (model != null && !model.isNull() && !model.isTextual()) {
            throw ApiError.invalid("'model' must be a model name or null, not " + model);
        }
        NewWebhook webhook = new NewWebhook(
                NewWebhook.url(url), secret, kinds, model == null || model.isNull() ? null : model.asText());
        addresses.check(webhook.url());
        return json(webhooks.add(webhook));
    }

    private JsonNode remove(ApiCall call) {
        webhooks.remove(call.pathNumber("id"));
        return Json.empty();
    }

    private JsonNode deliveries(ApiCall call) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode list = body.putArray("deliveries");
        for (DeliveryAttempt attempt : webhooks.deliveries(call.pathNumber("id"))) {
            ObjectNode item = list.addObject()
                    .put("id", attempt.deliveryId())
                    .put("event", attempt.event().name())
                    .put("attempt", attempt.attempt())
                    .put("status", attempt.status().name());
            if (attempt.httpStatus() == null) {
                item.putNull("httpStatus");
            } else {
                item.put("httpStatus", attempt.httpStatus());
            }
            item.put("error", attempt.error()).put("at", attempt.at());
        }
        return body;
    }

    private static ObjectNode json(Webhook webhook) {
        ObjectNode node = Json.MAPPER
                .createObjectNode()
                .put("id", webhook.id())
                .put("url", webhook.url().toString());
        ArrayNode events = node.putArray("events");
        webhook.events().stream().sorted().forEach(event -> events.add(event.name()));
        return node.put("model", webhook.model()).put("createdAt", webhook.createdAt());
    }
}
