package io.mlops.deploy;

import io.mlops.error.UserError;
import java.io.Serializable;
import java.util.Set;

/**
 * What to deploy where: a registry version onto one inference agent with a backend, as a full
 * switch or a canary that the agent watches.
 *
 * @param agentUrl the agent's base URL, e.g. {@code http://gpu-1:8000}
 * @param token the agent's admin token; never printed ({@link #toString()} hides it)
 * @param modelRef {@code NAME@alias}, {@code NAME:version} or {@code NAME} (the latest ready version)
 * @param backend {@code onnxruntime}, {@code openvino}, {@code tensorrt}, or {@code auto} for the one the
 *     agent's hardware suits ({@link BackendChoice})
 * @param device the backend's device, e.g. {@code cpu}, {@code cuda:0}; null for the backend's default
 * @param canaryPercent the new version's share of requests during the watch, 1 to 100 (100 = full switch)
 * @param watchSeconds how long to watch the new version's error rate before calling it live; 0 for no watch
 */
public record DeployRequest(
        String agentUrl,
        String token,
        String modelRef,
        String backend,
        String device,
        int canaryPercent,
        int watchSeconds)
        implements Serializable {
    /** The backends an agent can serve with. */
    public static final Set<String> BACKENDS = Set.of("onnxruntime", "openvino", "tensorrt");

    /** The backend that lets the agent's report choose one of {@link #BACKENDS} ({@link BackendChoice}). */
    public static final String AUTO = "auto";

    /** Validates the request. */
    public DeployRequest {
        if (agentUrl == null || agentUrl.isBlank()) {
            throw new UserError("a deployment needs the agent's URL, e.g. http://gpu-1:8000");
        }
        if (token == null || token.isBlank()) {
            throw new UserError("a deployment needs the agent's admin token");
        }
        ModelRef.parse(modelRef);
        if (backend == null || !(BACKENDS.contains(backend) || AUTO.equals(backend))) {
            throw new UserError(
                    "unknown backend '" + backend + "'; choose one of onnxruntime, openvino, tensorrt or auto");
        }
        if (device != null && device.isBlank()) {
            device = null;
        }
        if (canaryPercent < 1 || canaryPercent > 100) {
            throw new UserError("the canary share must be 1 to 100 percent: " + canaryPercent);
        }
        if (watchSeconds < 0) {
            throw new UserError("the watch must be 0 or more seconds: " + watchSeconds);
        }
    }

    /**
     * Whether the agent's report chooses the backend.
     *
     * @return true for {@code auto}
     */
    public boolean autoBackend() {
        return AUTO.equals(backend);
    }

    /**
     * The same request with a concrete backend.
     *
     * @param chosen the backend
     * @return the request
     */
    public DeployRequest withBackend(String chosen) {
        return new DeployRequest(agentUrl, token, modelRef, chosen, device, canaryPercent, watchSeconds);
    }

    @Override
    public String toString() {
        return "DeployRequest[agentUrl=" + agentUrl + ", token=****, modelRef=" + modelRef + ", backend=" + backend
                + ", device=" + device + ", canaryPercent=" + canaryPercent + ", watchSeconds=" + watchSeconds + "]";
    }
}
