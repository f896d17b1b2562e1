package io.mlops.onnx;

import java.util.Locale;

/** Where ONNX Runtime runs a model: its execution provider. */
public enum Device {
    /** The CPU execution provider, always available. */
    CPU,
    /** NVIDIA CUDA; needs the onnxruntime_gpu build and a GPU. */
    CUDA,
    /** NVIDIA TensorRT (falling back to CUDA for unsupported nodes); needs TensorRT libraries too. */
    TENSORRT;

    /**
     * Parses the option value.
     *
     * @param text {@code cpu}, {@code cuda} or {@code tensorrt}
     * @return the device
     * @throws io.mlops.error.UserError for another value
     */
    public static Device parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new io.mlops.error.UserError("unknown device '" + text + "': use cpu, cuda or tensorrt");
        }
    }
}
