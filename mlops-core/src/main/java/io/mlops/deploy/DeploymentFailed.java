package io.mlops.deploy;

import io.mlops.error.UserError;

/**
 * A deployment stopped before the new version took traffic: the agent refused the bundle or the
 * smoke test failed. Whatever served before keeps serving, and the registry has the failure.
 */
public final class DeploymentFailed extends UserError {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the failure.
     *
     * @param message what failed, where, and what serves now
     * @param cause the underlying error, or null
     */
    public DeploymentFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
