package io.mlops.protocol.v2;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.mlops.error.UserError;
import io.mlops.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The tensor lists of V2 JSON bodies, as {@code mlops deploy} reads and writes them: the {@code
 * inputs} of an infer request (a sample input, reference data) and the {@code outputs} of an infer
 * response; each tensor's data through {@link JsonTensorData}, the agent's own codec, so that a
 * body one side accepts the other accepts too.
 */
public final class V2JsonTensors {
    private V2JsonTensors() {}

    /**
     * The tensors of a request's {@code inputs}.
     *
     * @param request the request body
     * @param where where it came from, for messages
     * @return the tensors, in request order
     * @throws UserError naming where and the tensor when the body is no V2 request
     */
    public static List<Tensor> inputs(JsonNode request, String where) {
        return read(request, "inputs", where, "infer request");
    }

    /**
     * The tensors of a response's {@code outputs}.
     *
     * @param response the response body
     * @param where where it came from, for messages
     * @return the tensors, in response order
     * @throws UserError naming where and the tensor when the body is no V2 response
     */
    public static List<Tensor> outputs(JsonNode response, String where) {
        return read(response, "outputs", where, "infer response");
    }

    private static List<Tensor> read(JsonNode body, String field, String where, String kind) {
        JsonNode tensors = body == null ? null : body.get(field);
        if (tensors == null || !tensors.isArray() || tensors.isEmpty()) {
            throw new UserError(where + " is no V2 JSON " + kind + ": it needs a non-empty \"" + field
                    + "\" array of {name, shape, datatype, data}");
        }
        List<Tensor> found = new ArrayList<>();
        for (JsonNode tensor : tensors) {
            String name = tensor.path("name").asText("");
            if (name.isEmpty()
                    || !tensor.path("shape").isArray()
                    || !tensor.path("datatype").isTextual()) {
                throw new UserError(where + ": every entry of \"" + field + "\" needs a name, a shape and a datatype");
            }
            long[] shape = new long[tensor.get("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                JsonNode dim = tensor.get("shape").get(i);
                if (!dim.canConvertToLong() || dim.asLong() < 0) {
                    throw new UserError(where + ": tensor '" + name + "' has a bad shape " + tensor.get("shape"));
                }
                shape[i] = dim.asLong();
            }
            try {
                DataType type = DataType.parse(tensor.get("datatype").asText());
                found.add(JsonTensorData.read(name, type, shape, tensor.get("data")));
            } catch (UserError e) {
                throw new UserError(where + ": " + e.getMessage(), e);
            }
        }
        return found;
    }

    /**
     * A V2 JSON infer request of tensors, their data as {@link JsonTensorData} writes it.
     *
     * @param inputs the tensors
     * @return the body, {@code {"inputs":[{name, shape, datatype, data}, ...]}}
     */
    public static ObjectNode request(List<Tensor> inputs) {
        try (TokenBuffer buffer = new TokenBuffer(Json.mapper(), false)) {
            buffer.writeStartObject();
            buffer.writeArrayFieldStart("inputs");
            for (Tensor tensor : inputs) {
                write(tensor, buffer);
            }
            buffer.writeEndArray();
            buffer.writeEndObject();
            return Json.mapper().readTree(buffer.asParser());
        } catch (IOException e) {
            throw new IllegalStateException("cannot build a V2 request in memory", e);
        }
    }

    private static void write(Tensor tensor, JsonGenerator json) throws IOException {
        json.writeStartObject();
        json.writeStringField("name", tensor.name());
        json.writeArrayFieldStart("shape");
        for (long dim : tensor.shape()) {
            json.writeNumber(dim);
        }
        json.writeEndArray();
        json.writeStringField("datatype", tensor.datatype().name());
        json.writeFieldName("data");
        JsonTensorData.write(tensor, json);
        json.writeEndObject();
    }
}
