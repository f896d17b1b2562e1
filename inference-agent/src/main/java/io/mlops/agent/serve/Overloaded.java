package io.mlops.agent.serve;

import io.mlops.error.UserError;

/**
 * The model's queue is full, or the request waited past its timeout (HTTP 429, gRPC
 * RESOURCE_EXHAUSTED): the client should back off and retry. A failure the caller can act on, so a
 * {@link UserError} like its siblings; the handlers map it to 429 before the general 400 of UserError.
 */
public final class Overloaded extends UserError {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message why the request was refused
     */
    public Overloaded(String message) {
        super(message);
    }
}
