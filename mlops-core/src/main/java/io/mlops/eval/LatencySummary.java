package io.mlops.eval;

import io.mlops.eval.metric.LatencyState;
import java.io.Serializable;

/**
 * The model's speed on the machine that evaluated it.
 *
 * @param p50Millis median time of one model run (one batch)
 * @param p95Millis 95th percentile
 * @param p99Millis 99th percentile
 * @param samplesPerSecond samples per second of model time
 * @param runs model runs timed
 */
public record LatencySummary(double p50Millis, double p95Millis, double p99Millis, double samplesPerSecond, int runs)
        implements Serializable {
    /**
     * Summarizes timings.
     *
     * @param state the timings
     * @return the summary
     */
    public static LatencySummary of(LatencyState state) {
        return new LatencySummary(
                state.percentile(50),
                state.percentile(95),
                state.percentile(99),
                state.throughput(),
                state.runMillis().length);
    }
}
