package io.mlops.store;

import io.mlops.error.UserError;

/**
 * The metadata store cannot serve the request right now: SQLite is locked by another writer past
 * the busy timeout, or PostgreSQL is unreachable or shutting down. Trying again later may succeed,
 * so protocol front ends answer with a status that clients retry (HTTP 503).
 */
public class StoreUnavailable extends UserError {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what is unavailable and where, without credentials
     * @param cause the driver's exception
     */
    public StoreUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
