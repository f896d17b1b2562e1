package io.mlops.agent.backend;

import java.nio.file.Path;
import java.util.Objects;

/**
 * How a backend loads a model version.
 *
 * @param device the device to run on, in the backend's words: {@code CPU}, {@code GPU}, {@code AUTO}
 *     for OpenVINO, {@code cpu}, {@code cuda}, {@code tensorrt} for ONNX Runtime, a GPU index for TensorRT
 * @param sessions how many inferences may run at once on this model
 * @param compiledDir a directory of the version where the backend keeps compiled artifacts (a
 *     TensorRT engine, OpenVINO's model cache), reused on the next load
 */
public record LoadOptions(String device, int sessions, Path compiledDir) {
    /** Validates the options. */
    public LoadOptions {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(compiledDir, "compiledDir");
        if (sessions < 1) {
            throw new IllegalArgumentException("sessions must be at least 1, not " + sessions);
        }
    }
}
