package io.mlops.agent.serve;

import io.mlops.error.UserError;

/** A request named a model or version the agent does not serve (HTTP 404, gRPC NOT_FOUND). */
public final class UnknownModel extends UserError {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what is unknown, e.g. {@code model 'persons' version 3 is not loaded}
     */
    public UnknownModel(String message) {
        super(message);
    }
}
