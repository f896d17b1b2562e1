package io.mlops.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlops.error.UserError;
import io.mlops.onnx.TensorSpec;
import io.mlops.protocol.v2.V2JsonTensors;
import io.mlops.protocol.v2.ZeroInput;
import java.nio.file.Path;
import java.util.List;

/**
 * The sample request a deployment warms up with and smoke-tests: a KServe V2 JSON infer request
 * body, given by the user or made from the model's input signature.
 */
public final class SampleInput {
    private SampleInput() {}

    /**
     * Reads a sample request the user wrote, checking that it is a V2 infer request the agent
     * accepts.
     *
     * @param file the JSON file
     * @return the request
     * @throws UserError when the file is unreadable or no V2 request
     */
    public static ObjectNode read(Path file) {
        JsonNode node = V2Json.readFile(file, "sample input");
        V2JsonTensors.inputs(node, file.toString());
        return (ObjectNode) node;
    }

    /**
     * A request of zeros for every input, by the protocol's one rule ({@link ZeroInput}): every
     * dynamic dimension is 1. Zeros are valid for any numeric input, so the smoke test exercises
     * the whole graph without knowing what the model expects.
     *
     * @param inputs the model's inputs
     * @return the request
     * @throws UserError when an input has no tensor type, or its zero tensor would be too large
     */
    public static ObjectNode fromSignature(List<TensorSpec> inputs) {
        try {
            return V2JsonTensors.request(ZeroInput.of(
                    inputs.stream().map(io.mlops.protocol.v2.TensorSpec::of).toList()));
        } catch (UserError e) {
            throw new UserError(
                    "cannot make a sample input: " + e.getMessage()
                            + "; give one with --sample-input FILE (a V2 JSON infer request)",
                    e);
        }
    }
}
