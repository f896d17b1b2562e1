package io.mlops.trigger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.json.Json;
import java.io.IOException;

/** Reads a webhook body as a JSON object, for the tools' event parsers. */
final class WebhookBodies {
    private static final ObjectMapper JSON = Json.mapper();

    private WebhookBodies() {}

    static JsonNode object(byte[] body, String tool) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new MalformedWebhook(tool + " webhook body is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new MalformedWebhook(tool + " webhook body cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new MalformedWebhook(tool + " webhook body must be a JSON object");
        }
        return root;
    }

    /** A whole number that fits an int, or null when the field is absent, null or not one. */
    static Integer count(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isIntegralNumber() && value.canConvertToInt() && value.asInt() >= 0 ? value.asInt() : null;
    }

    /** An id given as a number or a text, or null. */
    static String id(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (value.isIntegralNumber() || (value.isTextual() && !value.asText().isBlank())) {
            return value.asText();
        }
        return null;
    }
}
