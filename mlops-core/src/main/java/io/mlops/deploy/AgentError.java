package io.mlops.deploy;

import io.mlops.error.UserError;

/** The inference agent answered a request with an error: its HTTP status and message. */
public final class AgentError extends UserError {
    private static final long serialVersionUID = 1L;

    /** The HTTP status the agent answered. */
    private final int status;

    /**
     * Creates the error.
     *
     * @param status the HTTP status
     * @param message what was asked and what the agent said
     */
    public AgentError(int status, String message) {
        super(message);
        this.status = status;
    }

    /**
     * The HTTP status the agent answered.
     *
     * @return e.g. 400
     */
    public int status() {
        return status;
    }
}
