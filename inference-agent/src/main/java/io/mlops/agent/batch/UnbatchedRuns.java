package io.mlops.agent.batch;

import io.mlops.agent.backend.LoadedModel;
import io.mlops.agent.serve.Overloaded;
import io.mlops.protocol.v2.Tensor;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;

/**
 * Runs the requests of a model version that never batches (batching off, or a fixed first
 * dimension) on their callers' own threads. With nothing to join, handing each request to a
 * dispatcher thread and then to a session thread only costs two thread wake-ups and context
 * switches per request, which on a few cores weigh more than a small model's whole run.
 *
 * <p>The rules of the batcher's queue still hold: at most {@code sessions} requests run at once;
 * the others wait their turn in arrival order (a fair semaphore), at most {@code queueCapacity} of
 * them (one more is refused at once) and each at most the request timeout (then it fails
 * unexecuted). Closing lets the requests already running or waiting finish, then refuses the rest.
 */
final class UnbatchedRuns {
    private final String name;
    private final LoadedModel model;
    private final BatchPolicy policy;
    private final BatchObserver observer;
    private final Semaphore sessions;
    private final AtomicInteger waiting = new AtomicInteger();
    private volatile boolean closed;
    private volatile boolean drained;

    private final LongSupplier nanoTime;

    UnbatchedRuns(String name, LoadedModel model, BatchPolicy policy, BatchObserver observer, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.name = name;
        this.model = model;
        this.policy = policy;
        this.observer = observer;
        this.sessions = new Semaphore(policy.sessions(), true);
    }

    /** How many requests wait for a session now. */
    int waiting() {
        return waiting.get();
    }

    /**
     * Runs one request on the calling thread once a session is free.
     *
     * @return a completed future: the outputs, the runtime's error, or {@link Overloaded} when too
     *     many wait, the wait passed the timeout, or the model is being unloaded
     */
    CompletableFuture<List<Tensor>> submit(List<Tensor> inputs, Set<String> outputs) {
        if (closed) {
            return CompletableFuture.failedFuture(DynamicBatcher.beingUnloaded(name));
        }
        if (waiting.incrementAndGet() > policy.queueCapacity()) {
            waiting.decrementAndGet();
            return CompletableFuture.failedFuture(DynamicBatcher.queueFull(name, policy));
        }
        long enqueued = nanoTime.getAsLong();
        observer.enqueued();
        boolean acquired;
        try {
            acquired = sessions.tryAcquire(policy.requestTimeoutMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return CompletableFuture.failedFuture(new Overloaded("interrupted while waiting for model " + name));
        } finally {
            waiting.decrementAndGet();
        }
        if (!acquired) {
            return CompletableFuture.failedFuture(
                    DynamicBatcher.timedOut(name, policy, nanoTime.getAsLong() - enqueued));
        }
        try {
            if (drained) {
                return CompletableFuture.failedFuture(new Overloaded("model " + name + " was unloaded"));
            }
            return run(inputs, outputs, enqueued);
        } finally {
            sessions.release();
        }
    }

    private CompletableFuture<List<Tensor>> run(List<Tensor> inputs, Set<String> outputs, long enqueued) {
        long start = nanoTime.getAsLong();
        observer.dequeued(start - enqueued);
        int rows = BatchKey.rows(inputs);
        try {
            List<Tensor> result = model.infer(inputs, outputs);
            observer.executed(1, rows, nanoTime.getAsLong() - start);
            observer.inputs(inputs);
            return CompletableFuture.completedFuture(result);
        } catch (RuntimeException | Error e) {
            observer.executed(1, rows, nanoTime.getAsLong() - start);
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Refuses new requests and waits until those running or already waiting have finished (the
     * fair semaphore serves them before this call); any that slipped in later are failed.
     */
    void close() {
        closed = true;
        // Requests admitted before closing still run: take every session only once none of them is
        // still waiting for one (the fair semaphore would otherwise put close ahead of a waiter that
        // had not reached it yet, and that waiter would be refused).
        while (true) {
            sessions.acquireUninterruptibly(policy.sessions());
            if (waiting.get() == 0) {
                break;
            }
            sessions.release(policy.sessions());
            LockSupport.parkNanos(100_000);
        }
        drained = true;
        sessions.release(policy.sessions());
    }
}
