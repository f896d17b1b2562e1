package io.mlops.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlops.error.UserError;
import io.mlops.onnx.TensorSpec;
import java.nio.file.Path;
import java.util.List;

/**
 * The sample request a deployment warms up with and smoke-tests: a KServe V2 JSON infer request
 * body, given by the user or made from the model's input signature.
 */
public final class SampleInput {
    private SampleInput() {}

    /**
     * Reads a sample request the user wrote, checking that it is a V2 infer request.
     *
     * @param file the JSON file
     * @return the request
     * @throws UserError when the file is unreadable or no V2 request
     */
    public static ObjectNode read(Path file) {
        JsonNode node = V2Json.readFile(file, "sample input");
        V2Json.tensors(node, file.toString());
        return (ObjectNode) node;
    }

    /**
     * A request of zeros (empty strings for string inputs) for every input, with a batch of one:
     * the first dimension, when symbolic, is 1. Zeros are valid for any numeric input, so the smoke
     * test exercises the whole graph without knowing what the model expects.
     *
     * @param inputs the model's inputs
     * @return the request
     * @throws UserError when an input has a symbolic dimension after the first, or no tensor type
     */
    public static ObjectNode fromSignature(List<TensorSpec> inputs) {
        ObjectNode request = V2Json.MAPPER.createObjectNode();
        ArrayNode tensors = request.putArray("inputs");
        for (TensorSpec input : inputs) {
            String datatype = V2DataType.of(input.type(), input.name());
            ObjectNode tensor = tensors.addObject();
            tensor.put("name", input.name());
            ArrayNode shape = tensor.putArray("shape");
            long count = 1;
            for (int i = 0; i < input.dims().size(); i++) {
                long size = input.fixedDim(i);
                if (size < 0 && i == 0) {
                    size = 1;
                } else if (size < 0) {
                    throw new UserError("cannot make a sample input for '" + input.name() + "' "
                            + input.describe() + ": dimension " + i
                            + " is not fixed; give one with --sample-input FILE (a V2 JSON infer request)");
                }
                shape.add(size);
                count = Math.multiplyExact(count, size);
            }
            if (count > 16_777_216) {
                throw new UserError("the sample input for '" + input.name() + "' " + input.describe() + " would hold "
                        + count + " elements; give a smaller one with --sample-input FILE");
            }
            tensor.put("datatype", datatype);
            ArrayNode data = tensor.putArray("data");
            for (long i = 0; i < count; i++) {
                switch (datatype) {
                    case "BYTES" -> data.add("");
                    case "BOOL" -> data.add(false);
                    default -> data.add(0);
                }
            }
        }
        return request;
    }
}
