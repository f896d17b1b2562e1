package io.mlops.net;

import java.time.Duration;

/**
 * How long and how many clients an HTTP server of the suite waits for, so that slow or silent clients
 * cannot hold every thread or connection. Both servers ({@code mlops server} and the inference agent)
 * take these values; each applies them with its own Jetty wiring.
 *
 * @param maxConnections the most open connections; further ones wait in the accept queue
 * @param headerTimeout the longest time a request's header may take to arrive
 * @param bodyTimeout the longest time a small body (up to {@code bufferedBodyBytes}) may take to arrive;
 *     such a body is read without holding a thread
 * @param bufferedBodyBytes bodies of at most this declared length are read whole before a thread handles them
 * @param minBodyRate the slowest a larger body may arrive, in bytes per second after {@code bodyTimeout}
 *     of grace
 * @param idleTimeout the longest silence on a connection
 */
public record ConnectionLimits(
        int maxConnections,
        Duration headerTimeout,
        Duration bodyTimeout,
        int bufferedBodyBytes,
        long minBodyRate,
        Duration idleTimeout) {
    /** The defaults: 1,024 connections, 20 s for a header or small body, 1 KiB/s for larger ones, 30 s idle. */
    public static final ConnectionLimits DEFAULTS = new ConnectionLimits(
            1024, Duration.ofSeconds(20), Duration.ofSeconds(20), 64 * 1024, 1024, Duration.ofSeconds(30));

    /** Validates the limits. */
    public ConnectionLimits {
        if (maxConnections < 1) {
            throw new IllegalArgumentException("the connection limit must be at least 1, not " + maxConnections);
        }
        positive(headerTimeout, "header timeout");
        positive(bodyTimeout, "body timeout");
        positive(idleTimeout, "idle timeout");
        if (bufferedBodyBytes < 0 || minBodyRate < 1) {
            throw new IllegalArgumentException(
                    "the buffered body size must be at least 0 and the body rate at least 1");
        }
    }

    private static void positive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("the " + name + " must be positive, not " + duration);
        }
    }
}
