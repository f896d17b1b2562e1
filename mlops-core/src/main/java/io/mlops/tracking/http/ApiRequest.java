package io.mlops.tracking.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.mlops.tracking.LoggingRules;
import io.mlops.tracking.TrackingError;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The fields of one API request, read as MLflow's server reads them: a JSON object in the body of
 * a POST (which must say {@code Content-Type: application/json}), or query parameters of a GET.
 * Missing and mistyped fields fail with MLflow's messages and INVALID_PARAMETER_VALUE.
 */
public final class ApiRequest {
    /**
     * Bodies larger than this are refused while they are read, before parsing; an endpoint with a
     * smaller limit of its own (log-batch) passes it to {@link #read(HttpServletRequest, int)}.
     */
    /** The largest refused body that is still read (and dropped) so its client gets the answer. */
    private static final long DISCARDED_BODY_LIMIT = 16L << 20;

    public static final int MAX_BODY = 8 * 1024 * 1024;

    private static final String SEE_DOCS = " See the API docs for more information about request parameters.";

    private final ObjectNode fields;
    private final int bodyLength;

    private ApiRequest(ObjectNode fields, int bodyLength) {
        this.fields = fields;
        this.bodyLength = bodyLength;
    }

    /**
     * Reads a request.
     *
     * @param request the servlet request
     * @return its fields
     * @throws IOException when the body cannot be read
     * @throws TrackingError when the content type is wrong or the body is not a JSON object
     */
    public static ApiRequest read(HttpServletRequest request) throws IOException {
        return read(request, MAX_BODY);
    }

    /**
     * Reads a request whose body may hold at most {@code maxBody} bytes.
     *
     * @param request the servlet request
     * @param maxBody the endpoint's limit, at most {@link #MAX_BODY}
     * @return its fields
     * @throws IOException when the body cannot be read
     * @throws TrackingError when the content type is wrong, the body is larger than the limit or is
     *     not a JSON object
     */
    public static ApiRequest read(HttpServletRequest request, int maxBody) throws IOException {
        if (request.getMethod().equals("GET")) {
            ObjectNode fields = Json.MAPPER.createObjectNode();
            request.getParameterMap().forEach((name, values) -> {
                if (values.length == 1) {
                    fields.put(name, values[0]);
                } else {
                    ArrayNode array = fields.putArray(name);
                    for (String value : values) {
                        array.add(value);
                    }
                }
            });
            return new ApiRequest(fields, 0);
        }
        String contentType = request.getContentType();
        if (contentType == null) {
            throw TrackingError.invalid("Bad Request. Content-Type header is missing.");
        }
        if (!contentType.split(";")[0].strip().toLowerCase(Locale.ROOT).equals("application/json")) {
            throw TrackingError.invalid("Bad Request. Content-Type must be one of ['application/json'].");
        }
        byte[] body = body(request, Math.min(maxBody, MAX_BODY));
        if (body.length == 0) {
            return new ApiRequest(Json.MAPPER.createObjectNode(), 0);
        }
        JsonNode parsed;
        try {
            parsed = Json.MAPPER.readTree(body);
            if (parsed instanceof TextNode text) {
                // Old clients post their JSON encoded twice, as a string; MLflow decodes it again.
                parsed = Json.MAPPER.readTree(text.textValue());
            }
        } catch (StreamConstraintsException e) {
            throw TrackingError.invalid("The request body holds more than " + Json.MAX_TOKENS
                    + " JSON tokens, the limit of this server: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw TrackingError.invalid("Malformed JSON in the request body: " + e.getOriginalMessage());
        }
        if (parsed == null || parsed.isNull()) {
            return new ApiRequest(Json.MAPPER.createObjectNode(), body.length);
        }
        if (!(parsed instanceof ObjectNode object)) {
            throw TrackingError.invalid("Malformed request body: expected a JSON object, got "
                    + parsed.getNodeType().name().toLowerCase(Locale.ROOT) + ".");
        }
        return new ApiRequest(object, body.length);
    }

    // Reads at most limit + 1 bytes: a larger body is refused before anything is parsed.
    private static byte[] body(HttpServletRequest request, int limit) throws IOException {
        long declared = request.getContentLengthLong();
        try {
            if (limit == LoggingRules.MAX_BATCH_LOG_REQUEST_SIZE) {
                LoggingRules.batchRequestSize(declared); // MLflow's own words for log-batch
            }
            if (declared > limit) {
                throw TrackingError.invalid("Request body of " + declared + " bytes exceeds the limit of " + limit
                        + " bytes of this endpoint.");
            }
        } catch (RuntimeException refused) {
            discardModestBody(request, declared);
            throw refused;
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                throw TrackingError.invalid("Request body exceeds the limit of " + limit + " bytes of this endpoint.");
            }
            return body;
        }
    }

    // A refused body the client is still sending would make the close reset the connection and lose
    // the answer in flight; one of modest size is read and dropped so the client gets the error.
    private static void discardModestBody(HttpServletRequest request, long declared) throws IOException {
        if (declared > 0 && declared <= DISCARDED_BODY_LIMIT) {
            try (InputStream in = request.getInputStream()) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        }
    }

    /**
     * An object node of the request as a request of its own, for nested messages.
     *
     * @param node the nested object
     * @return its fields
     */
    private static ApiRequest of(JsonNode node) {
        return new ApiRequest(node instanceof ObjectNode object ? object : Json.MAPPER.createObjectNode(), 0);
    }

    /**
     * A request without fields, for endpoints whose only input is their path.
     *
     * @return the request
     */
    public static ApiRequest empty() {
        return new ApiRequest(Json.MAPPER.createObjectNode(), 0);
    }

    /**
     * This request with one more string field, such as a value a host took from the path.
     *
     * @param name the field
     * @param value its value
     * @return a new request
     */
    public ApiRequest with(String name, String value) {
        ObjectNode copy = fields.deepCopy();
        copy.put(name, value);
        return new ApiRequest(copy, bodyLength);
    }

    /**
     * The length of the body.
     *
     * @return bytes, 0 for a GET
     */
    public int bodyLength() {
        return bodyLength;
    }

    /**
     * A required string field, non-empty.
     *
     * @param name the field
     * @return its value
     */
    public String requiredString(String name) {
        String value = string(name, null);
        if (value == null || value.isEmpty()) {
            throw missing(name);
        }
        return value;
    }

    /**
     * The run id, which MLflow also accepts as {@code run_uuid}.
     *
     * @return the run id
     */
    public String runId() {
        String runId = string("run_id", null);
        if (runId == null || runId.isEmpty()) {
            runId = string("run_uuid", null);
        }
        if (runId == null || runId.isEmpty()) {
            throw missing("run_id");
        }
        return runId;
    }

    /**
     * An optional string field.
     *
     * @param name the field
     * @param fallback the value when absent
     * @return its value
     */
    public String string(String name, String fallback) {
        JsonNode node = fields.get(name);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isTextual()) {
            throw typeError(name, node);
        }
        return node.textValue();
    }

    /**
     * An optional 64-bit integer field: a JSON integer or a string of digits, as proto JSON allows.
     *
     * @param name the field
     * @return its value, or null when absent
     */
    public Long int64(String name) {
        JsonNode node = fields.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isTextual()) {
            try {
                return Long.parseLong(node.textValue().strip());
            } catch (NumberFormatException e) {
                throw typeError(name, node);
            }
        }
        throw typeError(name, node);
    }

    /**
     * A required 64-bit integer field.
     *
     * @param name the field
     * @return its value
     */
    public long requiredInt64(String name) {
        Long value = int64(name);
        if (value == null) {
            throw missing(name);
        }
        return value;
    }

    /**
     * A required double field: a JSON number, or a string with a number, {@code NaN},
     * {@code Infinity} or {@code -Infinity}, as proto JSON writes them.
     *
     * @param name the field
     * @return its value
     */
    public double requiredDouble(String name) {
        JsonNode node = fields.get(name);
        if (node == null || node.isNull()) {
            throw missing(name);
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            String text = node.textValue().strip();
            switch (text) {
                case "NaN" -> {
                    return Double.NaN;
                }
                case "Infinity" -> {
                    return Double.POSITIVE_INFINITY;
                }
                case "-Infinity" -> {
                    return Double.NEGATIVE_INFINITY;
                }
                default -> {
                    try {
                        return Double.parseDouble(text);
                    } catch (NumberFormatException e) {
                        throw typeError(name, node);
                    }
                }
            }
        }
        throw typeError(name, node);
    }

    /**
     * An enum field, by name or by proto number.
     *
     * @param name the field
     * @param type the enum; constants must be in proto order, numbered from 1
     * @param <E> the enum type
     * @return the constant, or null when absent
     */
    public <E extends Enum<E>> E enumeration(String name, Class<E> type) {
        JsonNode node = fields.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        E[] constants = type.getEnumConstants();
        if (node.isIntegralNumber()) {
            int number = node.intValue();
            if (number >= 1 && number <= constants.length) {
                return constants[number - 1];
            }
        } else if (node.isTextual()) {
            for (E constant : constants) {
                if (constant.name().equals(node.textValue())) {
                    return constant;
                }
            }
        }
        throw typeError(name, node);
    }

    /**
     * An optional boolean field: a JSON boolean, or {@code true}/{@code false} as text (a GET).
     *
     * @param name the field
     * @return its value, false when absent
     */
    public boolean bool(String name) {
        return bool(name, false);
    }

    /**
     * An optional boolean field: a JSON boolean, or {@code true}/{@code false} as text (a GET).
     *
     * @param name the field
     * @param fallback the value when absent
     * @return its value
     */
    public boolean bool(String name, boolean fallback) {
        JsonNode node = fields.get(name);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual()
                && (node.textValue().equalsIgnoreCase("true")
                        || node.textValue().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(node.textValue());
        }
        throw typeError(name, node);
    }

    /**
     * A repeated string field; a GET passes a single value as a plain parameter.
     *
     * @param name the field
     * @return the values, empty when absent
     */
    public List<String> strings(String name) {
        JsonNode node = fields.get(name);
        List<String> values = new ArrayList<>();
        if (node == null || node.isNull()) {
            return values;
        }
        if (node.isTextual()) {
            values.add(node.textValue());
            return values;
        }
        if (!node.isArray()) {
            throw typeError(name, node);
        }
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                throw typeError(name, node);
            }
            values.add(item.textValue());
        }
        return values;
    }

    /**
     * A repeated message field.
     *
     * @param name the field
     * @return each message as a request of its own, empty when absent
     */
    public List<ApiRequest> messages(String name) {
        JsonNode node = fields.get(name);
        List<ApiRequest> messages = new ArrayList<>();
        if (node == null || node.isNull()) {
            return messages;
        }
        if (!node.isArray()) {
            throw typeError(name, node);
        }
        for (JsonNode item : node) {
            if (!item.isObject()) {
                throw typeError(name, node);
            }
            messages.add(of(item));
        }
        return messages;
    }

    /**
     * A nested message field.
     *
     * @param name the field
     * @return the message, or null when absent
     */
    public ApiRequest message(String name) {
        JsonNode node = fields.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw typeError(name, node);
        }
        return of(node);
    }

    /**
     * Whether a field has a value, as MLflow's required-field check sees it.
     *
     * @param name the field
     * @return false when absent, null or the empty string
     */
    public boolean present(String name) {
        JsonNode node = fields.get(name);
        return node != null
                && !node.isNull()
                && !(node.isTextual() && node.textValue().isEmpty());
    }

    /**
     * MLflow's message for a missing field.
     *
     * @param path the field, e.g. {@code metrics[0].key}
     * @return the error
     */
    public static TrackingError missing(String path) {
        return TrackingError.invalid("Missing value for required parameter '" + path + "'." + SEE_DOCS);
    }

    private static TrackingError typeError(String name, JsonNode node) {
        return TrackingError.invalid("Invalid value " + node + " for parameter '" + name
                + "' supplied:  Hint: Value was of type '" + pythonType(node) + "'." + SEE_DOCS);
    }

    private static String pythonType(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "str";
            case NUMBER -> node.isIntegralNumber() ? "int" : "float";
            case BOOLEAN -> "bool";
            case ARRAY -> "list";
            case OBJECT -> "dict";
            default -> "NoneType";
        };
    }
}
