package io.mlops.monitor;

import java.util.Map;
import java.util.Objects;

/**
 * One reading of a deployment's health over the interval that ends at {@link #at}, taken by the
 * server from the agent that serves the deployment. Rates and percentiles cover that interval only
 * (the difference of the agent's counters between two reads); they are NaN when the interval had no
 * requests.
 *
 * @param model the registered model
 * @param version the version deployed
 * @param endpoint the deployment's endpoint, as its record names it
 * @param at when the interval ended, epoch milliseconds
 * @param requestsPerSecond requests answered per second over the interval
 * @param errorRate the fraction of requests that failed, from 0 to 1
 * @param p50Ms the median latency in milliseconds
 * @param p95Ms the 95th percentile latency in milliseconds
 * @param p99Ms the 99th percentile latency in milliseconds
 * @param inputPsi each input's population stability index against the reference data, by input name
 */
public record HealthSample(
        String model,
        int version,
        String endpoint,
        long at,
        double requestsPerSecond,
        double errorRate,
        double p50Ms,
        double p95Ms,
        double p99Ms,
        Map<String, Double> inputPsi) {
    /** Validates the sample and copies the drift map. */
    public HealthSample {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(endpoint, "endpoint");
        inputPsi = Map.copyOf(inputPsi == null ? Map.of() : inputPsi);
    }

    /**
     * The largest drift over the inputs.
     *
     * @return the highest PSI, or NaN when the agent reported none
     */
    public double maxPsi() {
        return inputPsi.values().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
