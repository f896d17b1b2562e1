package io.mlops.registry.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlops.registry.UnknownRegistryEntry;
import io.mlops.registry.webhook.MlflowWebhooks;
import io.mlops.tracking.http.ApiRequest;
import io.mlops.tracking.http.Json;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * MLflow 3's webhooks API ({@code /api/2.0/mlflow/webhooks}: create, list, get, update, delete,
 * test) over the suite's signed webhooks ({@link MlflowWebhooks}). The webhook's id travels in
 * the path; the filter hands it over as the field {@code webhook_id}.
 */
final class WebhookApiEndpoints {
    /** The id field the filter adds from the path. */
    static final String ID = "webhook_id";

    // A test delivery is answered while the client waits.
    private static final Duration TEST_TIMEOUT = Duration.ofSeconds(10);

    private final MlflowWebhooks webhooks;
    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(TEST_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    WebhookApiEndpoints(MlflowWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    void addTo(Map<String, Endpoint> routes) {
        routes.put(
                "POST webhooks",
                (request, actor) -> answer(webhooks.create(
                        request.requiredString("name"),
                        request.requiredString("url"),
                        events(request),
                        request.string("description", null),
                        request.string("secret", null),
                        request.string("status", null))));
        routes.put("GET webhooks", (request, actor) -> list(request));
        routes.put("GET webhooks/{id}", (request, actor) -> answer(webhooks.get(id(request))));
        routes.put(
                "PATCH webhooks/{id}",
                (request, actor) -> answer(webhooks.update(
                        id(request),
                        request.string("name", null),
                        request.string("description", null),
                        request.string("url", null),
                        events(request),
                        request.string("secret", null),
                        request.string("status", null))));
        routes.put("DELETE webhooks/{id}", (request, actor) -> {
            webhooks.delete(id(request));
            return Json.empty();
        });
        routes.put("POST webhooks/{id}/test", (request, actor) -> test(request));
    }

    /**
     * The route key of a webhook path.
     *
     * @param endpoint the path below {@code /api/2.0/mlflow/}
     * @return the pattern, or null when the path is no webhook path
     */
    static String pattern(String endpoint) {
        String[] parts = endpoint.split("/", -1);
        if (parts.length == 1 && parts[0].equals("webhooks")) {
            return "webhooks";
        }
        if (parts.length == 2 && parts[0].equals("webhooks") && !parts[1].isEmpty()) {
            return "webhooks/{id}";
        }
        if (parts.length == 3 && parts[0].equals("webhooks") && parts[2].equals("test")) {
            return "webhooks/{id}/test";
        }
        return null;
    }

    private JsonNode list(ApiRequest request) {
        Long requested = request.int64("max_results");
        int max = requested == null ? 100 : (int) Math.max(1, Math.min(requested, 1000));
        int offset = Offsets.parse(request.string("page_token", null));
        List<MlflowWebhooks.Entry> all = webhooks.list();
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode array = body.putArray("webhooks");
        for (MlflowWebhooks.Entry entry :
                all.subList(Math.min(offset, all.size()), (int) Math.min((long) offset + max, all.size()))) {
            array.add(json(entry));
        }
        if ((long) offset + max < all.size()) {
            body.put("next_page_token", String.valueOf(offset + max));
        }
        return body;
    }

    private JsonNode test(ApiRequest request) {
        ApiRequest event = request.message("event");
        MlflowWebhooks.TestResult result =
                webhooks.test(id(request), event == null ? null : eventName(event), client, TEST_TIMEOUT);
        ObjectNode body = Json.MAPPER.createObjectNode();
        ObjectNode node = body.putObject("result").put("success", result.success());
        if (result.status() != null) {
            node.put("response_status", result.status());
        }
        if (result.body() != null) {
            node.put("response_body", result.body());
        }
        if (result.error() != null) {
            node.put("error_message", result.error());
        }
        return body;
    }

    private static long id(ApiRequest request) {
        String text = request.requiredString(ID);
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new UnknownRegistryEntry("Webhook with ID " + text + " not found");
        }
    }

    private static List<String> events(ApiRequest request) {
        List<String> names = new ArrayList<>();
        for (ApiRequest event : request.messages("events")) {
            names.add(eventName(event));
        }
        return names;
    }

    // Proto JSON names the enums in capitals: {"entity": "MODEL_VERSION", "action": "CREATED"}.
    private static String eventName(ApiRequest event) {
        return event.requiredString("entity").toLowerCase(Locale.ROOT) + "."
                + event.requiredString("action").toLowerCase(Locale.ROOT);
    }

    private static JsonNode answer(MlflowWebhooks.Entry entry) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("webhook", json(entry));
        return body;
    }

    private static ObjectNode json(MlflowWebhooks.Entry entry) {
        ObjectNode node = Json.MAPPER
                .createObjectNode()
                .put("webhook_id", String.valueOf(entry.id()))
                .put("name", entry.name())
                .put("description", entry.description())
                .put("url", entry.url().toString());
        ArrayNode events = node.putArray("events");
        for (String event : entry.events()) {
            int dot = event.indexOf('.');
            events.addObject()
                    .put("entity", event.substring(0, dot).toUpperCase(Locale.ROOT))
                    .put("action", event.substring(dot + 1).toUpperCase(Locale.ROOT));
        }
        node.put("status", entry.status())
                .put("creation_timestamp", entry.createdAt())
                .put("last_updated_timestamp", entry.updatedAt());
        return node;
    }
}
