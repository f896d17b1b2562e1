package io.mlops.agent.batch;

import io.mlops.protocol.v2.Tensor;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** A request waiting in a {@link DynamicBatcher}'s queue, and the future its client waits on. */
final class PendingRequest {
    private static final int QUEUED = 0;
    private static final int TAKEN = 1;
    private static final int ABANDONED = 2;

    final List<Tensor> inputs;
    final Set<String> outputs;
    final BatchKey key;
    final int rows;
    final long enqueuedNanos;
    final long deadlineNanos;
    final CompletableFuture<List<Tensor>> result = new CompletableFuture<>();
    private final AtomicInteger state = new AtomicInteger(QUEUED);

    PendingRequest(List<Tensor> inputs, Set<String> outputs, long enqueuedNanos, long timeoutNanos) {
        this.inputs = inputs;
        this.outputs = outputs;
        this.key = BatchKey.of(inputs, outputs);
        this.rows = BatchKey.rows(inputs);
        this.enqueuedNanos = enqueuedNanos;
        this.deadlineNanos = enqueuedNanos + timeoutNanos;
    }

    /**
     * Takes the request out of the queue for execution; exactly one of this and {@link #abandon}
     * succeeds, so a request is either executed or failed as timed out, never both.
     *
     * @return true when the caller now owns it
     */
    boolean take() {
        return state.compareAndSet(QUEUED, TAKEN);
    }

    /**
     * Gives the request up while it still waits (timed out or shut down).
     *
     * @return true when it was still waiting and will now never execute
     */
    boolean abandon() {
        return state.compareAndSet(QUEUED, ABANDONED);
    }

    boolean joins(PendingRequest other, int maxRows, int rowsSoFar) {
        return key != null && key.equals(other.key) && rowsSoFar + other.rows <= maxRows;
    }
}
