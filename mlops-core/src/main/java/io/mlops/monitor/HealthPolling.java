package io.mlops.monitor;

import java.time.Duration;
import java.util.Objects;

/**
 * How a host polls the agents for the Production view.
 *
 * @param interval the time between rounds
 * @param readTimeout how long one agent's {@code /metrics} may take
 * @param retention how much of the series the store keeps
 */
public record HealthPolling(Duration interval, Duration readTimeout, HealthRetention retention) {
    /** Every 15 seconds, 5 seconds per agent, the default retention. */
    public static final HealthPolling DEFAULT =
            new HealthPolling(Duration.ofSeconds(15), Duration.ofSeconds(5), HealthRetention.DEFAULT);

    /** Validates the settings. */
    public HealthPolling {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(retention, "retention");
        if (interval.isNegative() || interval.isZero() || readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("the poll interval and read timeout must be positive");
        }
    }

    /**
     * How long a poller's lease lasts without renewal: three rounds, so one slow round does not
     * hand the polling to another server.
     *
     * @return the lease term
     */
    public Duration leaseTerm() {
        return interval.multipliedBy(3).plus(readTimeout);
    }
}
