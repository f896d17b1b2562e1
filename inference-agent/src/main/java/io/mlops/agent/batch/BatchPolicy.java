package io.mlops.agent.batch;

import io.mlops.error.UserError;

/**
 * How a model version's requests are queued and batched.
 *
 * @param maxBatchSize the most rows (the sum of the requests' first dimensions) one execution takes;
 *     1 turns batching off
 * @param maxQueueDelayMicros how long the first request of a batch may wait for others to join it;
 *     0 batches only requests that are already waiting
 * @param queueCapacity how many requests may wait; one more is refused as overloaded
 * @param requestTimeoutMillis how long a request may wait before it is failed unexecuted
 * @param sessions how many batches may execute at once
 */
public record BatchPolicy(
        int maxBatchSize, long maxQueueDelayMicros, int queueCapacity, long requestTimeoutMillis, int sessions) {
    /** The defaults: batching off, 1,024 waiting requests, 30 s timeout, one session. */
    public static final BatchPolicy DEFAULT = new BatchPolicy(1, 0, 1024, 30_000, 1);

    /** Validates the policy. */
    public BatchPolicy {
        check("max batch size", maxBatchSize, 1);
        check("max queue delay (microseconds)", maxQueueDelayMicros, 0);
        check("queue capacity", queueCapacity, 1);
        check("request timeout (milliseconds)", requestTimeoutMillis, 1);
        check("sessions", sessions, 1);
    }

    /**
     * Whether requests are ever combined.
     *
     * @return true when a batch may hold more than one row
     */
    public boolean batching() {
        return maxBatchSize > 1;
    }

    private static void check(String what, long value, long min) {
        if (value < min) {
            throw new UserError(what + " must be at least " + min + ", not " + value);
        }
    }
}
