package io.mlops.monitor;

import java.util.List;

/**
 * The bounded time series of deployment health kept in the suite's store: the server's poller
 * appends, the Production view and the alert rules read. Old samples are dropped so the series
 * never outgrows its retention.
 */
public interface HealthHistory {
    /**
     * Appends a sample, and drops the samples older than the retention.
     *
     * @param sample the reading
     */
    void record(HealthSample sample);

    /**
     * The samples of a model's deployments in a time range.
     *
     * @param model the registered model
     * @param fromMillis the first instant included, epoch milliseconds
     * @param toMillis the last instant included, epoch milliseconds
     * @return the samples of every endpoint of the model, oldest first
     */
    List<HealthSample> samples(String model, long fromMillis, long toMillis);
}
