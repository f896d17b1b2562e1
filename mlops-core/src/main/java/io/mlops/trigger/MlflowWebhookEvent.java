package io.mlops.trigger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.json.Json;
import java.io.IOException;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The body of an MLflow 3 webhook delivery: {@code {"entity", "action", "timestamp", "data"}}, e.g.
 * entity {@code model_version} and action {@code created}, or {@code model_version_alias} and
 * {@code created}.
 *
 * @param entity what changed, e.g. model_version
 * @param action how, e.g. created
 * @param timestamp when MLflow sent it (ISO-8601), or empty
 * @param data the event's fields that are text or numbers (name, version, alias, run_id, source...)
 */
public record MlflowWebhookEvent(String entity, String action, String timestamp, Map<String, String> data)
        implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ObjectMapper JSON = Json.mapper();

    /** Copies the data. */
    public MlflowWebhookEvent {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(timestamp, "timestamp");
        data = Map.copyOf(data);
    }

    /**
     * Reads a delivery's body (after its signature was verified).
     *
     * @param body the JSON body
     * @return the event
     * @throws WebhookRejected when it is not an MLflow webhook body
     */
    public static MlflowWebhookEvent parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new WebhookRejected("webhook body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new WebhookRejected("webhook body cannot be read: " + e.getMessage());
        }
        if (root == null
                || !root.isObject()
                || !root.path("entity").isTextual()
                || !root.path("action").isTextual()) {
            throw new WebhookRejected("webhook body must be an object with text 'entity' and 'action'");
        }
        Map<String, String> data = new LinkedHashMap<>();
        root.path("data").properties().forEach(field -> {
            if (field.getValue().isValueNode() && !field.getValue().isNull()) {
                data.put(field.getKey(), field.getValue().asText());
            }
        });
        return new MlflowWebhookEvent(
                root.get("entity").asText(),
                root.get("action").asText(),
                root.path("timestamp").asText(""),
                data);
    }

    /**
     * The event type as MLflow names it in a webhook's event list.
     *
     * @return e.g. {@code model_version.created}
     */
    public String type() {
        return entity + "." + action;
    }

    /**
     * The registered model the event is about.
     *
     * @return the {@code name} field, or null
     */
    public String model() {
        return data.get("name");
    }
}
