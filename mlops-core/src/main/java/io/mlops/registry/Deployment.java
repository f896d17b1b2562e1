package io.mlops.registry;

import io.mlops.error.UserError;
import java.io.Serializable;
import java.util.Objects;

/**
 * A model version on one serving backend and node: the current state of that place.
 *
 * @param model the registered model's name
 * @param version the version deployed there
 * @param backend the serving backend, e.g. {@code onnxruntime}, {@code tensorrt}, {@code openvino}
 * @param node the agent node serving it
 * @param endpoint where it answers requests
 * @param status its state
 * @param updatedAt when the state was recorded, milliseconds since the epoch
 */
public record Deployment(
        String model,
        int version,
        String backend,
        String node,
        String endpoint,
        DeploymentStatus status,
        long updatedAt)
        implements Serializable {
    /** Validates the deployment. */
    public Deployment {
        ModelNames.check(model);
        if (version < 1) {
            throw new IllegalArgumentException("versions start at 1: " + version);
        }
        requireText(backend, "backend");
        requireText(node, "node");
        requireText(endpoint, "endpoint");
        Objects.requireNonNull(status, "status");
    }

    private static void requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new UserError("a deployment needs a " + what);
        }
    }

    /**
     * A short label for the audit log.
     *
     * @return e.g. {@code v3 on onnxruntime@gpu-1 (RUNNING)}
     */
    public String label() {
        return "v" + version + " on " + backend + "@" + node + " (" + status + ")";
    }
}
