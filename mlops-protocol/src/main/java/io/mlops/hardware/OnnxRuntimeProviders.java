package io.mlops.hardware;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import java.util.List;

/**
 * The execution providers of the ONNX Runtime on the class path. ONNX Runtime is optional for this
 * module (a Jenkins agent may not carry it), so its absence is answered, not thrown.
 */
final class OnnxRuntimeProviders {
    private OnnxRuntimeProviders() {}

    /**
     * Asks ONNX Runtime.
     *
     * @return provider names such as {@code CPUExecutionProvider}; null when ONNX Runtime cannot load
     */
    static List<String> available() {
        try {
            return OrtEnvironment.getAvailableProviders().stream()
                    .map(OrtProvider::getName)
                    .sorted()
                    .toList();
        } catch (LinkageError | RuntimeException e) {
            return null;
        }
    }
}
