package io.mlops.agent.serve;

/**
 * How a version's executor schedules requests, as the model configuration endpoint reports it.
 *
 * @param maxBatchSize the most rows one execution takes (1 when requests are never joined)
 * @param dynamicBatching whether requests are joined into batches
 * @param maxQueueDelayMicros how long the first request of a batch waits for others
 * @param instances how many executions may run at once
 */
public record SchedulingPolicy(int maxBatchSize, boolean dynamicBatching, long maxQueueDelayMicros, int instances) {
    /** Each request runs alone, one at a time. */
    public static final SchedulingPolicy UNBATCHED = new SchedulingPolicy(1, false, 0, 1);
}
