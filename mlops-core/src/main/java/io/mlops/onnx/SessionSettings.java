package io.mlops.onnx;

import io.mlops.error.UserError;

/**
 * How to open an ONNX Runtime session.
 *
 * @param device the execution provider
 * @param threads threads for one operator (intra-op); 0 lets ONNX Runtime pick one per core
 * @param optimization graph optimization applied when the session loads the model
 */
public record SessionSettings(Device device, int threads, Optimization optimization) {
    /** Validates the settings. */
    public SessionSettings {
        if (device == null || optimization == null) {
            throw new IllegalArgumentException("device and optimization are required");
        }
        if (threads < 0) {
            throw new UserError("threads must be 0 (one per core) or more, got " + threads);
        }
    }

    /**
     * CPU, a thread per core, all optimizations: what evaluation uses unless told otherwise.
     *
     * @return the defaults
     */
    public static SessionSettings defaults() {
        return new SessionSettings(Device.CPU, 0, Optimization.ALL);
    }
}
