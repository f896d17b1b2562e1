package io.mlops.registry.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlops.tracking.http.Json;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One request to the registry API as its handlers read it: the path's named parts, the query,
 * the JSON body and the actor. Every value it hands out is checked, and a bad one fails with a
 * 400 that names the field.
 */
final class ApiCall {
    // Registry request bodies are a handful of fields; a larger body is a mistake or an attack.
    private static final int MAX_BODY = 1024 * 1024;

    private final HttpServletRequest request;
    private final Map<String, String> path;
    private final Supplier<String> actor;
    private ObjectNode body;

    /** The actor is only worked out when a handler asks, so that a read never fails on an odd header. */
    ApiCall(HttpServletRequest request, Map<String, String> path, Supplier<String> actor) {
        this.request = request;
        this.path = Map.copyOf(path);
        this.actor = actor;
    }

    String path(String name) {
        return path.get(name);
    }

    /** A positive whole number from the path, such as a version. */
    int pathNumber(String name) {
        return positive(name, path.get(name));
    }

    String query(String name) {
        return request.getParameter(name);
    }

    int queryInt(String name, int fallback, int min, int max) {
        String value = request.getParameter(name);
        if (value == null || value.isEmpty()) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below with the allowed range
        }
        throw ApiError.invalid("query parameter '" + name + "' must be a whole number from " + min + " to " + max
                + ", not '" + value + "'");
    }

    String actor() {
        return actor.get();
    }

    /** The body, a JSON object. */
    ObjectNode body() {
        if (body == null) {
            body = readBody();
        }
        return body;
    }

    String requiredText(String field) {
        JsonNode value = body().get(field);
        if (value == null
                || value.isNull()
                || (value.isTextual() && value.asText().isBlank())) {
            throw ApiError.invalid("the request body needs a non-empty '" + field + "'");
        }
        if (!value.isTextual()) {
            throw ApiError.invalid("'" + field + "' in the request body must be a string, not " + value);
        }
        return value.asText();
    }

    int requiredVersion(String field) {
        JsonNode value = body().get(field);
        if (value == null || value.isNull()) {
            throw ApiError.invalid("the request body needs '" + field + "', a version number");
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < 1) {
            throw ApiError.invalid(
                    "'" + field + "' in the request body must be a version number (1 or more), not " + value);
        }
        return value.asInt();
    }

    static int positive(String what, String text) {
        try {
            int number = Integer.parseInt(text);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiError.invalid("'" + text + "' is no " + what + ": expected a whole number from 1");
    }

    private ObjectNode readBody() {
        String type = request.getContentType();
        if (type == null || !type.split(";")[0].strip().toLowerCase(Locale.ROOT).equals("application/json")) {
            throw ApiError.invalid("the request body must be JSON, sent with Content-Type: application/json");
        }
        byte[] bytes;
        try (InputStream in = request.getInputStream()) {
            bytes = in.readNBytes(MAX_BODY + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length > MAX_BODY) {
            throw ApiError.invalid("the request body is larger than " + MAX_BODY + " bytes");
        }
        try {
            JsonNode parsed = Json.MAPPER.readTree(bytes);
            if (parsed instanceof ObjectNode object) {
                return object;
            }
            throw ApiError.invalid("the request body must be a JSON object");
        } catch (JsonProcessingException e) {
            throw ApiError.invalid("malformed JSON in the request body: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
