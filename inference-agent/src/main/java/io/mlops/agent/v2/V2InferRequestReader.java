package io.mlops.agent.v2;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.agent.serve.InferRequest;
import io.mlops.error.UserError;
import io.mlops.json.Json;
import io.mlops.protocol.v2.DataType;
import io.mlops.protocol.v2.InvalidInput;
import io.mlops.protocol.v2.JsonTensorData;
import io.mlops.protocol.v2.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a V2 infer request body: JSON alone, or with the binary tensor data extension a JSON header
 * of {@code Inference-Header-Content-Length} bytes followed by the inputs' bytes, in input order,
 * each input saying how many with {@code parameters.binary_data_size}.
 */
public final class V2InferRequestReader {
    /**
     * The suite's mapper: it reads the NaN and Infinity literals {@link JsonTensorData} accepts, and
     * numbers with Jackson's fast double parser (a JSON tensor is mostly numbers, and the JDK's
     * {@code Double.parseDouble} took over a third of the agent's CPU on a 12,288-value image).
     */
    private static final ObjectMapper JSON = Json.mapper();

    private V2InferRequestReader() {}

    /**
     * A parsed request and how its reply is wanted.
     *
     * @param request the request
     * @param format JSON or binary per output
     */
    public record Parsed(InferRequest request, ReplyFormat format) {}

    /**
     * Parses a body.
     *
     * @param model the model from the path
     * @param version the version from the path, or null
     * @param body the whole body
     * @param headerLength the {@code Inference-Header-Content-Length}, or -1 when the body is JSON alone
     * @return the request
     * @throws InvalidInput for malformed JSON, a header length beyond the body, binary sizes that do
     *     not add up, or data that does not fit an input's datatype or shape
     */
    public static Parsed read(String model, String version, byte[] body, long headerLength) {
        if (headerLength > body.length) {
            throw new InvalidInput("Inference-Header-Content-Length is " + headerLength + " but the body has only "
                    + body.length + " bytes");
        }
        int jsonLength = headerLength < 0 ? body.length : (int) headerLength;
        JsonNode root;
        try {
            root = JSON.readTree(body, 0, jsonLength);
        } catch (JsonProcessingException e) {
            throw new InvalidInput("the request is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidInput("cannot read the request: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInput("the request must be a JSON object with \"inputs\"");
        }
        ByteBuffer binary = ByteBuffer.wrap(body, jsonLength, body.length - jsonLength);
        return parse(model, version, root, binary);
    }

    /**
     * Parses a request already read as JSON, e.g. a bundle's sample input.
     *
     * @param model the model
     * @param version the version, or null
     * @param root the JSON object
     * @param binary the binary data after the header (empty for JSON alone)
     * @return the request
     * @throws InvalidInput when the request is malformed
     */
    public static Parsed parse(String model, String version, JsonNode root, ByteBuffer binary) {
        JsonNode inputs = root.path("inputs");
        if (!inputs.isArray() || inputs.isEmpty()) {
            throw new InvalidInput("the request has no \"inputs\" array");
        }
        List<Tensor> tensors = new ArrayList<>();
        for (JsonNode input : inputs) {
            tensors.add(input(input, binary));
        }
        if (binary.hasRemaining()) {
            throw new InvalidInput(binary.remaining() + " bytes of binary data follow the last input that claims any"
                    + " (check parameters.binary_data_size)");
        }
        Set<String> wanted = new LinkedHashSet<>();
        Map<String, Boolean> binaryOutputs = new HashMap<>();
        for (JsonNode output : root.path("outputs")) {
            String name = text(output, "name", "an output");
            wanted.add(name);
            JsonNode flag = output.path("parameters").path("binary_data");
            if (flag.isBoolean()) {
                binaryOutputs.put(name, flag.booleanValue());
            }
        }
        Map<String, String> parameters = new HashMap<>();
        root.path("parameters")
                .properties()
                .forEach(e -> parameters.put(e.getKey(), e.getValue().asText()));
        boolean binaryByDefault =
                root.path("parameters").path("binary_data_output").asBoolean(false);
        String id = root.path("id").isValueNode() ? root.path("id").asText() : "";
        return new Parsed(
                new InferRequest(model, version, id, tensors, wanted, parameters),
                new ReplyFormat(binaryByDefault, binaryOutputs));
    }

    private static Tensor input(JsonNode input, ByteBuffer binary) {
        String name = text(input, "name", "an input");
        DataType type;
        try {
            type = DataType.parse(text(input, "datatype", "input '" + name + "'"));
        } catch (UserError e) {
            throw new InvalidInput("input '" + name + "': " + e.getMessage());
        }
        long[] shape = shape(name, input.path("shape"));
        JsonNode size = input.path("parameters").path("binary_data_size");
        try {
            if (size.isMissingNode()) {
                return JsonTensorData.read(name, type, shape, input.get("data"));
            }
            if (!size.canConvertToLong() || size.longValue() < 0) {
                throw new InvalidInput("input '" + name + "': binary_data_size must be a whole number, not " + size);
            }
            if (size.longValue() > binary.remaining()) {
                throw new InvalidInput("input '" + name + "' claims binary_data_size " + size.longValue() + " but only "
                        + binary.remaining() + " bytes of binary data remain");
            }
            ByteBuffer data = binary.slice(binary.position(), (int) size.longValue());
            binary.position(binary.position() + (int) size.longValue());
            return Tensor.of(name, type, shape, data);
        } catch (InvalidInput e) {
            throw e;
        } catch (UserError | ArithmeticException e) {
            throw new InvalidInput(e.getMessage() == null ? "input '" + name + "': " + e : e.getMessage());
        }
    }

    private static long[] shape(String name, JsonNode shape) {
        if (!shape.isArray()) {
            throw new InvalidInput("input '" + name + "' has no \"shape\" array");
        }
        long[] dims = new long[shape.size()];
        long elements = 1;
        for (int i = 0; i < dims.length; i++) {
            JsonNode dim = shape.get(i);
            // canConvertToLong: 2^64 is integral too, and its longValue() wraps to 0.
            if (!dim.isIntegralNumber() || !dim.canConvertToLong() || dim.longValue() < 0) {
                throw new InvalidInput("input '" + name + "': shape " + shape + " must hold whole numbers from 0 to "
                        + Long.MAX_VALUE);
            }
            dims[i] = dim.longValue();
            try {
                elements = Math.multiplyExact(elements, dims[i]);
            } catch (ArithmeticException e) {
                throw new InvalidInput(
                        "input '" + name + "': shape " + shape + " has more elements than any tensor can");
            }
        }
        return dims;
    }

    private static String text(JsonNode node, String field, String what) {
        JsonNode value = node.path(field);
        if (!value.isTextual() || value.asText().isEmpty()) {
            throw new InvalidInput(what + " has no \"" + field + "\"");
        }
        return value.asText();
    }
}
