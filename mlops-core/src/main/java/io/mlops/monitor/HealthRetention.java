package io.mlops.monitor;

import java.time.Duration;
import java.util.Objects;

/**
 * How much deployment health the store keeps: samples older than {@link #maxAge} are dropped, and
 * each endpoint keeps at most {@link #maxSamplesPerEndpoint} samples (the newest).
 *
 * @param maxAge the oldest sample kept, relative to the newest append
 * @param maxSamplesPerEndpoint the most samples kept per model and endpoint
 */
public record HealthRetention(Duration maxAge, int maxSamplesPerEndpoint) {
    /** A day of samples, and at most a day's worth at one sample every 5 seconds per endpoint. */
    public static final HealthRetention DEFAULT = new HealthRetention(Duration.ofHours(24), 17_280);

    /** Validates the retention. */
    public HealthRetention {
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("the health retention must be positive: " + maxAge);
        }
        if (maxSamplesPerEndpoint < 1) {
            throw new IllegalArgumentException(
                    "keep at least one health sample per endpoint: " + maxSamplesPerEndpoint);
        }
    }
}
