package io.mlops.protocol.v2;

import io.mlops.error.UserError;

/**
 * A request's input does not fit the model: wrong name, datatype, shape or data length (HTTP 400,
 * gRPC INVALID_ARGUMENT). The message names the input, what was expected and what came.
 */
public final class InvalidInput extends UserError {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what is wrong and where
     */
    public InvalidInput(String message) {
        super(message);
    }
}
