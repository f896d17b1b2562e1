package io.mlops.trigger;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Runs one trigger's data poll off the caller's thread, one at a time: a host's timer thread (in
 * Jenkins the cron thread shared by every trigger of the controller) hands the fingerprint over and
 * returns at once, and a poll that comes due while the previous one still runs is skipped instead
 * of queued behind it.
 *
 * <p>The host supplies the executor (Jenkins: its own thread pool) and the fingerprint (Jenkins:
 * {@link DataFingerprint} run on the node that holds the data); this class owns only the "at most
 * one in flight" rule and the decision.
 */
public final class BackgroundPoll {
    private final Executor executor;
    private final AtomicBoolean running = new AtomicBoolean();

    /**
     * Creates the poller of one trigger.
     *
     * @param executor where fingerprints run
     */
    public BackgroundPoll(Executor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /**
     * Starts a poll unless the previous one is still running; returns immediately either way.
     *
     * @param lastSeen the id remembered from the previous poll, or null before the first
     * @param fingerprint computes the current snapshot id, e.g. {@link DataFingerprint#snapshotId}
     * @return the decision to come, or empty when a poll is still in flight (nothing was started)
     */
    public Optional<CompletableFuture<DataPoll>> poll(String lastSeen, Supplier<String> fingerprint) {
        Objects.requireNonNull(fingerprint, "fingerprint");
        if (!running.compareAndSet(false, true)) {
            return Optional.empty();
        }
        CompletableFuture<DataPoll> decision;
        try {
            decision = CompletableFuture.supplyAsync(() -> DataPoll.decide(lastSeen, fingerprint.get()), executor);
        } catch (RuntimeException e) {
            // The executor refused the work (shut down): nothing runs, so the next poll may start.
            running.set(false);
            throw e;
        }
        return Optional.of(decision.whenComplete((result, failure) -> running.set(false)));
    }

    /**
     * Whether a poll is in flight.
     *
     * @return true between a started {@link #poll} and its decision
     */
    public boolean inFlight() {
        return running.get();
    }
}
