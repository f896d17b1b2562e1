package io.mlops.registry.webhook;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently a delivery is retried: up to {@code attempts} attempts, the n-th
 * retry after {@code baseDelay * 2^(n-1)}, so a receiver that is down gets room to come back.
 *
 * @param attempts the most attempts, at least 1
 * @param baseDelay the wait before the first retry
 */
public record RetryPolicy(int attempts, Duration baseDelay) {
    // Caps the doubling so that a large attempt count cannot overflow into a negative wait.
    private static final int MAX_DOUBLINGS = 20;

    /** Validates the policy. */
    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("a delivery needs at least one attempt: " + attempts);
        }
        Objects.requireNonNull(baseDelay, "baseDelay");
        if (baseDelay.isNegative()) {
            throw new IllegalArgumentException("negative retry delay: " + baseDelay);
        }
    }

    /**
     * The default: 5 attempts, the first retry after one second (then 2, 4 and 8 seconds).
     *
     * @return the policy
     */
    public static RetryPolicy standard() {
        return new RetryPolicy(5, Duration.ofSeconds(1));
    }

    /**
     * The wait before an attempt.
     *
     * @param attempt the attempt about to be made, 2 or more
     * @return how long to wait after the attempt before it
     */
    public Duration delayBefore(int attempt) {
        return baseDelay.multipliedBy(1L << Math.min(attempt - 2, MAX_DOUBLINGS));
    }
}
