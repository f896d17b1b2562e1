package io.mlops.gpu;

import io.mlops.error.UserError;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * A holder's request for GPUs of a node: granted at once, or queued until its turn comes and enough
 * GPUs are free. Cancelling it (or interrupting {@link #await()}) takes it out of the queue, or gives
 * the GPUs back when it was granted meanwhile, so it leaves no trace.
 */
public final class GpuRequest {
    private final GpuAllocations allocations;
    private final String holder;
    private final CompletableFuture<List<String>> result;

    GpuRequest(GpuAllocations allocations, String holder, CompletableFuture<List<String>> result) {
        this.allocations = allocations;
        this.holder = holder;
        this.result = result;
    }

    /** @return the holder that asked */
    public String holder() {
        return holder;
    }

    /** @return whether the GPUs were handed out already */
    public boolean isGranted() {
        return result.isDone() && !result.isCompletedExceptionally();
    }

    /**
     * The GPUs when they are handed out; completes exceptionally with a {@link CancellationException}
     * when the request is cancelled or its holder released, or with a {@link UserError} when the
     * allocation could not be recorded.
     *
     * @return the stage (callers cannot complete it)
     */
    public CompletionStage<List<String>> granted() {
        return result.minimalCompletionStage();
    }

    /**
     * Waits for the GPUs.
     *
     * @return the GPUs handed out
     * @throws InterruptedException when the thread is interrupted; the request is cancelled first
     * @throws CancellationException when the request was cancelled or its holder released
     * @throws UserError when the allocation could not be recorded
     */
    public List<String> await() throws InterruptedException {
        try {
            return result.get();
        } catch (InterruptedException e) {
            cancel();
            throw e;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Withdraws the request, or gives its GPUs back when they were granted meanwhile. */
    public void cancel() {
        allocations.release(holder);
    }
}
