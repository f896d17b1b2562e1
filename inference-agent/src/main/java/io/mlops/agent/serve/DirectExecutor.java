package io.mlops.agent.serve;

import io.mlops.agent.backend.LoadedModel;
import io.mlops.protocol.v2.Tensor;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;

/**
 * Runs each request on its own as it comes, with at most a fixed number accepted at once (running
 * or waiting for one of the backend's sessions); beyond that a request is refused at once with
 * {@link Overloaded}, so a burst cannot queue up unbounded memory and latency.
 */
public final class DirectExecutor implements ModelExecutor {
    private final String label;
    private final LoadedModel loaded;
    private final Executor threads;
    private final Semaphore slots;
    private final int capacity;
    private volatile boolean closed;

    /**
     * Creates the executor.
     *
     * @param label the model and version, for messages
     * @param loaded the model
     * @param threads where requests run (virtual threads: a request waiting for a session costs little)
     * @param capacity the most requests accepted at once
     */
    public DirectExecutor(String label, LoadedModel loaded, Executor threads, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        this.label = label;
        this.loaded = loaded;
        this.threads = threads;
        this.capacity = capacity;
        this.slots = new Semaphore(capacity);
    }

    /**
     * A factory for the service: one direct executor per version.
     *
     * @param threads where requests run
     * @param capacity the most requests each version accepts at once
     * @return the factory
     */
    public static ModelExecutorFactory factory(Executor threads, int capacity) {
        return (model, version, loaded) ->
                new DirectExecutor("model '" + model + "' version " + version, loaded, threads, capacity);
    }

    @Override
    public CompletableFuture<List<Tensor>> submit(List<Tensor> inputs, Set<String> outputs) {
        if (closed) {
            return CompletableFuture.failedFuture(new Overloaded(label + " is being unloaded"));
        }
        if (!slots.tryAcquire()) {
            return CompletableFuture.failedFuture(new Overloaded(
                    label + " already has " + capacity + " requests in progress, the most it accepts; retry later"));
        }
        try {
            return CompletableFuture.supplyAsync(() -> loaded.infer(inputs, outputs), threads)
                    .whenComplete((result, failure) -> slots.release());
        } catch (RuntimeException e) {
            slots.release();
            throw e;
        }
    }

    @Override
    public void close() {
        closed = true;
    }
}
