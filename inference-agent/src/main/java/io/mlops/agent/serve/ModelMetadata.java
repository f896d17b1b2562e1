package io.mlops.agent.serve;

import io.mlops.protocol.v2.TensorSpec;
import java.util.List;

/**
 * What the V2 model metadata endpoint tells about a model.
 *
 * @param name the model's name
 * @param versions the versions loaded
 * @param platform the runtime, e.g. {@code onnxruntime_onnx}, {@code openvino}, {@code tensorrt_plan}
 * @param inputs the inputs
 * @param outputs the outputs
 */
public record ModelMetadata(
        String name, List<String> versions, String platform, List<TensorSpec> inputs, List<TensorSpec> outputs) {
    /** Copies the lists. */
    public ModelMetadata {
        versions = List.copyOf(versions);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }
}
