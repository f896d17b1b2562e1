package io.mlops.deploy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.mlops.error.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads KServe V2 JSON tensors: the {@code inputs} of a request, the {@code outputs} of a response. */
final class V2Json {
    /** Accepts NaN and Infinity, which some servers write for non-finite floats. */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
            .build();

    private V2Json() {}

    static JsonNode readFile(Path file, String what) {
        try {
            return MAPPER.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            throw new UserError("no such " + what + " file: " + file, e);
        } catch (IOException e) {
            throw new UserError("cannot read the " + what + " " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The tensors of a request's {@code inputs}, their data flattened in row-major order; string
     * tensors are checked but give no numbers.
     *
     * @param request the request body
     * @param where where it came from, for messages
     * @return tensors by input name, in request order
     */
    static Map<String, V2Tensor> tensors(JsonNode request, String where) {
        return read(request, "inputs", where);
    }

    /**
     * The numbers of each tensor of a response's {@code outputs}; NaN, infinities and nulls are
     * kept as NaN and infinities so that a smoke test can find them.
     *
     * @param response the response body
     * @param where where it came from
     * @return numbers by output name
     */
    static Map<String, double[]> outputs(JsonNode response, String where) {
        Map<String, double[]> numbers = new LinkedHashMap<>();
        read(response, "outputs", where).forEach((name, tensor) -> numbers.put(name, tensor.numbers()));
        return numbers;
    }

    private static Map<String, V2Tensor> read(JsonNode body, String field, String where) {
        JsonNode tensors = body == null ? null : body.get(field);
        if (tensors == null || !tensors.isArray() || tensors.isEmpty()) {
            throw new UserError(
                    where + " is no V2 JSON " + ("inputs".equals(field) ? "infer request" : "infer response")
                            + ": it needs a non-empty \"" + field + "\" array of {name, shape, datatype, data}");
        }
        Map<String, V2Tensor> found = new LinkedHashMap<>();
        for (JsonNode tensor : tensors) {
            String name = tensor.path("name").asText("");
            if (name.isEmpty()
                    || !tensor.path("shape").isArray()
                    || !tensor.path("datatype").isTextual()) {
                throw new UserError(where + ": every entry of \"" + field + "\" needs a name, a shape and a datatype");
            }
            JsonNode data = tensor.get("data");
            if (data == null || !data.isArray()) {
                throw new UserError(where + ": tensor '" + name + "' has no \"data\" array");
            }
            long expected = 1;
            long[] shape = new long[tensor.get("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                JsonNode dim = tensor.get("shape").get(i);
                if (!dim.canConvertToLong() || dim.asLong() < 0) {
                    throw new UserError(where + ": tensor '" + name + "' has a bad shape " + tensor.get("shape"));
                }
                shape[i] = dim.asLong();
                expected *= dim.asLong();
            }
            List<Double> numbers = new ArrayList<>();
            flatten(data, numbers, tensor.get("datatype").asText());
            boolean strings = "BYTES".equals(tensor.get("datatype").asText());
            if (!strings && numbers.size() != expected) {
                throw new UserError(where + ": tensor '" + name + "' has shape " + tensor.get("shape") + " (" + expected
                        + " elements) but " + numbers.size() + " data elements");
            }
            found.put(
                    name,
                    new V2Tensor(
                            name,
                            shape,
                            tensor.get("datatype").asText(),
                            numbers.stream().mapToDouble(Double::doubleValue).toArray()));
        }
        return found;
    }

    /**
     * One tensor of a V2 JSON body.
     *
     * @param name its name
     * @param shape its dimensions
     * @param datatype its V2 datatype, e.g. {@code FP32}
     * @param numbers its elements in row-major order; empty for {@code BYTES}
     */
    record V2Tensor(String name, long[] shape, String datatype, double[] numbers) {}

    private static void flatten(JsonNode data, List<Double> into, String datatype) {
        for (JsonNode element : data) {
            if (element.isArray()) {
                flatten(element, into, datatype);
            } else if (element.isNumber()) {
                into.add(element.asDouble());
            } else if (element.isBoolean()) {
                into.add(element.asBoolean() ? 1.0 : 0.0);
            } else if (element.isNull()) {
                into.add(Double.NaN);
            } else if (element.isTextual() && !"BYTES".equals(datatype)) {
                into.add(special(element.asText()));
            }
        }
    }

    private static double special(String text) {
        return switch (text) {
            case "Infinity", "inf", "+inf" -> Double.POSITIVE_INFINITY;
            case "-Infinity", "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.NaN;
        };
    }
}
