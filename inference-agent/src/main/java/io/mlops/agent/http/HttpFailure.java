package io.mlops.agent.http;

import io.mlops.error.UserError;

/** A request the HTTP layer refuses before it reaches the service, with the status to answer. */
final class HttpFailure extends UserError {
    private static final long serialVersionUID = 1L;

    private final int status;

    HttpFailure(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
