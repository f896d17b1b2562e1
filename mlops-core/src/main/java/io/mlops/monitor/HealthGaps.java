package io.mlops.monitor;

import java.util.Map;

/**
 * Gaps in the health series: a read of an agent that failed (unreachable, refused, garbled) is
 * recorded as a sample whose every measure, the request rate included, is NaN, so the series shows
 * when the deployment could not be seen. An idle interval is no gap: its request rate is 0.
 */
public final class HealthGaps {
    private HealthGaps() {}

    /**
     * The sample that records a failed read.
     *
     * @param model the registered model
     * @param version the version deployed
     * @param endpoint the deployment's endpoint
     * @param at when the read failed, epoch milliseconds
     * @return a sample with NaN measures and no drift
     */
    public static HealthSample gap(String model, int version, String endpoint, long at) {
        return new HealthSample(
                model, version, endpoint, at, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Map.of());
    }

    /**
     * Whether a sample records a failed read.
     *
     * @param sample a sample
     * @return true when its request rate is unknown
     */
    public static boolean isGap(HealthSample sample) {
        return Double.isNaN(sample.requestsPerSecond());
    }
}
