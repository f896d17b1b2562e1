package io.mlops.agent.batch;

import io.mlops.protocol.v2.Tensor;
import java.util.List;

/**
 * Told what a {@link DynamicBatcher} does, for metrics and drift monitoring. Called on the thread
 * that runs the batch: the batcher's own, or the client's for a model that never batches (which
 * runs each request on its caller's thread); implementations must be quick and thread-safe.
 */
public interface BatchObserver {
    /** Observes nothing. */
    BatchObserver NONE = new BatchObserver() {};

    /**
     * Tells several observers, in order.
     *
     * @param observers the observers
     * @return one observer passing every event on to each
     */
    static BatchObserver all(List<BatchObserver> observers) {
        List<BatchObserver> each = List.copyOf(observers);
        return new BatchObserver() {
            @Override
            public void enqueued() {
                each.forEach(BatchObserver::enqueued);
            }

            @Override
            public void closing() {
                each.forEach(BatchObserver::closing);
            }

            @Override
            public void dequeued(long queueNanos) {
                each.forEach(o -> o.dequeued(queueNanos));
            }

            @Override
            public void executed(int requests, int rows, long computeNanos) {
                each.forEach(o -> o.executed(requests, rows, computeNanos));
            }

            @Override
            public void inputs(List<Tensor> inputs) {
                each.forEach(o -> o.inputs(inputs));
            }
        };
    }

    /**
     * A request was accepted and waits for its turn (it is counted in the batcher's waiting).
     */
    default void enqueued() {}

    /** Closing began: from now on new requests are refused. */
    default void closing() {}

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
