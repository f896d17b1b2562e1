package io.mlops.agent.batch;

import io.mlops.agent.backend.LoadedModel;
import io.mlops.agent.serve.ModelExecutor;
import io.mlops.agent.serve.Overloaded;
import io.mlops.protocol.v2.Tensor;
import io.mlops.protocol.v2.TensorSpec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Queues one model version's requests and runs them in batches: requests that arrive while the
 * model is busy (or within the queue delay) and agree on their inputs' datatypes and non-batch
 * dimensions are joined along the first dimension, run once, and each client gets its own rows of
 * the outputs back. Requests that cannot be joined run in batches of their own.
 *
 * <p>The queue is bounded (a request beyond its capacity is refused with {@link Overloaded} at
 * once, so memory stays bounded under any load); a request that waits past its timeout is failed
 * with {@link Overloaded} and never executed. One dispatcher thread forms a batch only when one of
 * the {@code sessions} is free, so under load batches grow on their own while the model is busy.
 *
 * <p>A model batches only when every input and output declares a dynamic first dimension; one
 * with a fixed first dimension runs every request alone, whatever the policy says. A model that
 * never batches (that, or a policy with batches of one row) needs no queue thread at all: each
 * request runs on its caller's thread under the same limits ({@link UnbatchedRuns}).
 */
public final class DynamicBatcher implements ModelExecutor {
    private static final Logger LOG = Logger.getLogger(DynamicBatcher.class.getName());
    private static final PendingRequest SHUTDOWN = new PendingRequest(List.of(), Set.of(), 0, 0);

    private final String name;
    private final LoadedModel model;
    private final BatchPolicy policy;
    private final BatchObserver observer;
    private final boolean batchable;
    private final AtomicBoolean outputsSplit = new AtomicBoolean(true);
    private final LinkedBlockingQueue<PendingRequest> queue = new LinkedBlockingQueue<>();
    private final ConcurrentLinkedDeque<PendingRequest> deferred = new ConcurrentLinkedDeque<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final Semaphore freeSessions;
    private final ExecutorService sessions;
    private final Thread dispatcher;
    private final Thread expiry;
    /** Runs the requests when this version never batches; null when it may. */
    private final UnbatchedRuns unbatched;
    /** The clock deadlines and queue delays are measured on: {@link System#nanoTime()} but in tests. */
    private final LongSupplier nanoTime;

    private volatile boolean closed;

    /**
     * Starts a batcher over a loaded model.
     *
     * @param name the model version, for messages and thread names, e.g. {@code persons:3}
     * @param model the model
     * @param policy batch size, queue delay and capacity, timeout and sessions
     * @param observer told of queue times, batches and inputs, for metrics and drift
     */
    public DynamicBatcher(String name, LoadedModel model, BatchPolicy policy, BatchObserver observer) {
        this(name, model, policy, observer, System::nanoTime);
    }

    /**
     * Starts a batcher that reads the time from the given clock, so that tests decide when a
     * request's deadline has passed instead of waiting for it.
     *
     * @param name the model version, for messages and thread names
     * @param model the model
     * @param policy batch size, queue delay and capacity, timeout and sessions
     * @param observer told of queue times, batches and inputs
     * @param nanoTime the clock, a monotonic count of nanoseconds like {@link System#nanoTime()}
     */
    DynamicBatcher(String name, LoadedModel model, BatchPolicy policy, BatchObserver observer, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.name = name;
        this.model = model;
        this.policy = policy;
        this.observer = observer;
        this.batchable = policy.batching() && firstDimensionsDynamic(model);
        this.freeSessions = new Semaphore(policy.sessions());
        if (!batchable) {
            this.unbatched = new UnbatchedRuns(name, model, policy, observer, nanoTime);
            this.sessions = null;
            this.dispatcher = null;
            this.expiry = null;
            return;
        }
        this.unbatched = null;
        AtomicInteger threads = new AtomicInteger();
        this.sessions = Executors.newFixedThreadPool(policy.sessions(), task -> {
            Thread thread = new Thread(task, "session-" + threads.incrementAndGet() + "-" + name);
            thread.setDaemon(true);
            return thread;
        });
        this.dispatcher = new Thread(this::dispatch, "batcher-" + name);
        dispatcher.setDaemon(true);
        dispatcher.start();
        this.expiry = new Thread(this::expire, "batcher-timeouts-" + name);
        expiry.setDaemon(true);
        expiry.start();
    }

    /**
     * Whether this batcher joins requests: the policy allows batches larger than one row and the
     * model declares a dynamic first dimension on every input and output.
     *
     * @return true when requests may share an execution
     */
    public boolean batching() {
        return batchable && outputsSplit.get();
    }

    /**
     * The policy in force.
     *
     * @return the policy
     */
    public BatchPolicy policy() {
        return policy;
    }

    /**
     * How many requests wait in the queue now.
     *
     * @return the count, at most the queue's capacity
     */
    public int waiting() {
        return unbatched != null ? unbatched.waiting() : waiting.get();
    }

    /**
     * Queues one request to run, possibly together with others.
     *
     * @param inputs the request's inputs, already checked against the model's declaration
     * @param outputs the outputs wanted; empty for all
     * @return the request's own outputs, in the model's order, once its batch ran; or an
     *     {@link Overloaded} failure when the queue is full, the request timed out waiting (then it
     *     never runs), or the batcher is closing; or the runtime's error for these inputs. When this
     *     version never batches, the request runs on the calling thread and the future returned is
     *     already complete.
     */
    @Override
    public CompletableFuture<List<Tensor>> submit(List<Tensor> inputs, Set<String> outputs) {
        if (unbatched != null) {
            return unbatched.submit(inputs, outputs);
        }
        if (closed) {
            return CompletableFuture.failedFuture(beingUnloaded(name));
        }
        if (waiting.incrementAndGet() > policy.queueCapacity()) {
            waiting.decrementAndGet();
            return CompletableFuture.failedFuture(queueFull(name, policy));
        }
        long timeout = TimeUnit.MILLISECONDS.toNanos(policy.requestTimeoutMillis());
        PendingRequest request = new PendingRequest(inputs, outputs, nanoTime.getAsLong(), timeout);
        queue.add(request);
        observer.enqueued();
        return request.result;
    }

    /**
     * Runs one request, possibly together with others, and waits for its outputs.
     *
     * @param inputs the request's inputs, already checked against the model's declaration
     * @param outputs the outputs wanted; empty for all
     * @return the request's own outputs, in the model's order
     * @throws Overloaded when the queue is full, the request timed out waiting, or the batcher is
     *     closing
     * @throws io.mlops.error.UserError when the runtime rejects the request's inputs
     */
    public List<Tensor> infer(List<Tensor> inputs, Set<String> outputs) {
        try {
            return submit(inputs, outputs).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Overloaded("interrupted while waiting for model " + name);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("model " + name + " failed: " + e.getCause(), e.getCause());
        }
    }

    /**
     * Fails the requests that have waited past their deadline, so a client hears back on time
     * even while every session is busy with a long batch. Requests already running finish.
     */
    private void expire() {
        long tick = Math.clamp(policy.requestTimeoutMillis() / 10, 1, 100);
        while (!closed || waiting.get() > 0) {
            try {
                Thread.sleep(tick);
            } catch (InterruptedException e) {
                return;
            }
            long now = nanoTime.getAsLong();
            for (PendingRequest request : queue) {
                expireIfLate(request, now);
            }
            for (PendingRequest request : deferred) {
                expireIfLate(request, now);
            }
        }
    }

    private void expireIfLate(PendingRequest request, long now) {
        if (request != SHUTDOWN && now - request.deadlineNanos > 0 && request.abandon()) {
            waiting.decrementAndGet();
            request.result.completeExceptionally(timedOut(request.enqueuedNanos));
        }
    }

    private Overloaded timedOut(long enqueuedNanos) {
        return timedOut(name, policy, nanoTime.getAsLong() - enqueuedNanos);
    }

    /** The failure of a request that waited past its timeout, with a {@link TimeoutException} cause. */
    static Overloaded timedOut(String name, BatchPolicy policy, long waitedNanos) {
        long waited = TimeUnit.NANOSECONDS.toMillis(waitedNanos);
        Overloaded error = new Overloaded("request to model " + name + " timed out after " + waited
                + " ms in the queue (timeout " + policy.requestTimeoutMillis() + " ms)");
        error.initCause(new TimeoutException(error.getMessage()));
        return error;
    }

    /** The failure of a request beyond the queue's capacity. */
    static Overloaded queueFull(String name, BatchPolicy policy) {
        return new Overloaded("the queue of model " + name + " is full (" + policy.queueCapacity()
                + " requests waiting); retry later");
    }

    /** The failure of a request that came after closing began. */
    static Overloaded beingUnloaded(String name) {
        return new Overloaded("model " + name + " is being unloaded");
    }

    private void dispatch() {
        boolean stopping = false;
        try {
            while (true) {
                freeSessions.acquire();
                PendingRequest head = nextHead(stopping);
                if (head == SHUTDOWN) {
                    stopping = true;
                    head = nextHead(true);
                }
                if (head == null) {
                    freeSessions.release();
                    return;
                }
                List<PendingRequest> batch = new ArrayList<>();
                batch.add(head);
                if (batching()) {
                    stopping |= gather(head, batch);
                }
                sessions.execute(() -> {
                    try {
                        run(batch);
                    } catch (Throwable t) {
                        // Every client must hear back, whatever broke: none may wait forever.
                        batch.forEach(request -> request.result.completeExceptionally(t));
                        throw t;
                    } finally {
                        freeSessions.release();
                    }
                });
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            failRemaining();
        }
    }

    /** The oldest waiting request that is still wanted, or null when stopping and none is left. */
    private PendingRequest nextHead(boolean stopping) throws InterruptedException {
        while (true) {
            PendingRequest next = deferred.pollFirst();
            if (next == null) {
                if (stopping) {
                    return null;
                }
                next = queue.take();
                if (next == SHUTDOWN) {
                    return SHUTDOWN;
                }
            }
            if (claim(next)) {
                return next;
            }
        }
    }

    /**
     * Adds waiting requests that fit the head's batch until it is full or the queue delay since the
     * head arrived has passed; requests that do not fit wait for a later batch, in order.
     *
     * @return true when the shutdown marker was met
     */
    private boolean gather(PendingRequest head, List<PendingRequest> batch) throws InterruptedException {
        int rows = head.rows;
        int max = policy.maxBatchSize();
        for (Iterator<PendingRequest> it = deferred.iterator(); it.hasNext() && rows < max; ) {
            PendingRequest next = it.next();
            if (head.joins(next, max, rows)) {
                it.remove();
                if (claim(next)) {
                    batch.add(next);
                    rows += next.rows;
                }
            }
        }
        long until = head.enqueuedNanos + TimeUnit.MICROSECONDS.toNanos(policy.maxQueueDelayMicros());
        while (rows < max && head.key != null) {
            PendingRequest next = queue.poll();
            if (next == null) {
                long left = until - nanoTime.getAsLong();
                if (left <= 0) {
                    return false;
                }
                // Sleep out the rest of the delay once and take what came meanwhile, instead of
                // being woken by every request that arrives (a futex wake-up and a context switch
                // each). A batch that fills early still goes at the delay's end, as the policy allows.
                LockSupport.parkNanos(this, left);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                continue;
            }
            if (next == SHUTDOWN) {
                return true;
            }
            if (!head.joins(next, max, rows)) {
                deferred.addLast(next);
            } else if (claim(next)) {
                batch.add(next);
                rows += next.rows;
            }
        }
        return false;
    }

    /** Takes a request for execution, or fails it when it waited past its deadline. */
    private boolean claim(PendingRequest request) {
        if (nanoTime.getAsLong() - request.deadlineNanos > 0) {
            if (request.abandon()) {
                waiting.decrementAndGet();
                request.result.completeExceptionally(timedOut(request.enqueuedNanos));
            }
            return false;
        }
        if (request.take()) {
            waiting.decrementAndGet();
            return true;
        }
        return false; // its client gave up already
    }

    private void run(List<PendingRequest> batch) {
        long started = nanoTime.getAsLong();
        for (PendingRequest request : batch) {
            observer.dequeued(started - request.enqueuedNanos);
        }
        if (batch.size() == 1) {
            runAlone(batch.getFirst());
            return;
        }
        PendingRequest head = batch.getFirst();
        List<Tensor> joined = new ArrayList<>(head.inputs.size());
        for (int i = 0; i < head.inputs.size(); i++) {
            int input = i;
            joined.add(BatchRows.concat(
                    batch.stream().map(r -> r.inputs.get(input)).toList()));
        }
        int[] rows = batch.stream().mapToInt(r -> r.rows).toArray();
        List<Tensor> outputs;
        long start = nanoTime.getAsLong();
        try {
            outputs = model.infer(joined, head.outputs);
        } catch (RuntimeException e) {
            observer.executed(batch.size(), sum(rows), nanoTime.getAsLong() - start);
            // One bad request must not fail the others: each runs again alone and gets its own answer.
            batch.forEach(this::runAlone);
            return;
        }
        observer.executed(batch.size(), sum(rows), nanoTime.getAsLong() - start);
        List<List<Tensor>> split = new ArrayList<>(batch.size());
        for (int r = 0; r < batch.size(); r++) {
            split.add(new ArrayList<>(outputs.size()));
        }
        try {
            for (Tensor output : outputs) {
                List<Tensor> parts = BatchRows.split(output, rows);
                for (int r = 0; r < parts.size(); r++) {
                    split.get(r).add(parts.get(r));
                }
            }
        } catch (IllegalStateException e) {
            LOG.log(Level.WARNING, "model {0}: outputs are not per row, batching turned off: {1}", new Object[] {
                name, e.getMessage()
            });
            outputsSplit.set(false);
            batch.forEach(this::runAlone);
            return;
        }
        observer.inputs(joined);
        for (int r = 0; r < batch.size(); r++) {
            batch.get(r).result.complete(List.copyOf(split.get(r)));
        }
    }

    private void runAlone(PendingRequest request) {
        long start = nanoTime.getAsLong();
        try {
            List<Tensor> outputs = model.infer(request.inputs, request.outputs);
            observer.executed(1, request.rows, nanoTime.getAsLong() - start);
            observer.inputs(request.inputs);
            request.result.complete(outputs);
        } catch (RuntimeException | Error e) {
            observer.executed(1, request.rows, nanoTime.getAsLong() - start);
            request.result.completeExceptionally(e);
        }
    }

    private static int sum(int[] rows) {
        int total = 0;
        for (int r : rows) {
            total += r;
        }
        return total;
    }

    private void failRemaining() {
        List<PendingRequest> left = new ArrayList<>(deferred);
        deferred.clear();
        queue.drainTo(left);
        for (PendingRequest request : left) {
            if (request != SHUTDOWN && request.abandon()) {
                waiting.decrementAndGet();
                request.result.completeExceptionally(new Overloaded("model " + name + " was unloaded"));
            }
        }
    }

    private static boolean firstDimensionsDynamic(LoadedModel model) {
        List<TensorSpec> specs = new ArrayList<>(model.inputs());
        specs.addAll(model.outputs());
        return !model.inputs().isEmpty()
                && specs.stream().allMatch(spec -> spec.shape().length > 0 && spec.shape()[0] < 0);
    }

    /**
     * Stops taking requests, runs those already waiting, and waits for running batches to finish.
     * Does not close the model.
     */
    @Override
    public void close() {
        observer.closing();
        if (unbatched != null) {
            unbatched.close();
            return;
        }
        closed = true;
        queue.add(SHUTDOWN);
        try {
            dispatcher.join();
            sessions.shutdown();
            sessions.awaitTermination(1, TimeUnit.MINUTES);
            expiry.interrupt();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            sessions.shutdownNow();
            expiry.interrupt();
        }
        failRemaining();
    }
}
