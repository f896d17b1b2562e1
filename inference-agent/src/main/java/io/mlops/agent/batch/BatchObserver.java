package io.mlops.agent.batch;

import io.mlops.agent.tensor.Tensor;
import java.util.List;

/**
 * Told what a {@link DynamicBatcher} does, for metrics and drift monitoring. Called on the
 * batcher's own threads, never on the client's; implementations must be quick and thread-safe.
 */
public interface BatchObserver {
    /** Observes nothing. */
    BatchObserver NONE = new BatchObserver() {};

    /**
     * A request left the queue to execute.
     *
     * @param queueNanos how long it waited
     */
    default void dequeued(long queueNanos) {}

    /**
     * A batch executed, successfully or not.
     *
     * @param requests how many requests it combined
     * @param rows its first dimension, the sum of theirs
     * @param computeNanos how long the model took
     */
    default void executed(int requests, int rows, long computeNanos) {}

    /**
     * The inputs of a batch that executed successfully, for statistics over what clients send.
     *
     * @param inputs the batch's input tensors
     */
    default void inputs(List<Tensor> inputs) {}
}
