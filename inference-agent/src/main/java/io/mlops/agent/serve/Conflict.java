package io.mlops.agent.serve;

import io.mlops.error.UserError;

/**
 * An admin request that the model's current state forbids, e.g. unloading the version that serves
 * traffic, or uploading a version number that exists (HTTP 409).
 */
public final class Conflict extends UserError {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what conflicts, and what to do instead
     */
    public Conflict(String message) {
        super(message);
    }
}
