package io.mlops.agent.backend;

import io.mlops.error.UserError;
import java.nio.file.Path;

/**
 * An inference runtime that turns an ONNX model into something that answers requests:
 * ONNX Runtime, OpenVINO or TensorRT. One instance serves many models; it is thread-safe.
 */
public interface Backend extends AutoCloseable {
    /**
     * The name users pick the backend by: {@code onnxruntime}, {@code openvino} or {@code tensorrt}.
     *
     * @return the name
     */
    String name();

    /**
     * Loads a model version.
     *
     * @param model the ONNX file
     * @param options the device, the number of concurrent sessions, and where compiled artifacts go
     * @return the model, ready to infer
     * @throws UserError when the file is not a model this backend can run, naming the file
     */
    LoadedModel load(Path model, LoadOptions options);

    /** Releases what the runtime holds for all models. */
    @Override
    void close();
}
