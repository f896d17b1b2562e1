package io.mlops.store;

/**
 * The metadata store cannot serve the request right now: SQLite is locked by another writer past
 * the busy timeout, or PostgreSQL is unreachable or shutting down. Trying again later may succeed,
 * so protocol front ends answer with a status that clients retry (HTTP 503).
 */
public class StoreUnavailable extends StoreFailure {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what is unavailable and where, without credentials
     * @param publicMessage why, for network clients: no path, URL or SQL
     * @param cause the driver's exception
     */
    public StoreUnavailable(String message, String publicMessage, Throwable cause) {
        super(message, publicMessage, cause);
    }
}
