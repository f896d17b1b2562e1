package io.mlops.agent.serve;

/**
 * The model's queue is full, or the request waited past its timeout (HTTP 429, gRPC
 * RESOURCE_EXHAUSTED): the client should back off and retry.
 */
public final class Overloaded extends RuntimeException {
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
