package io.mlops.cli.server;

import io.mlops.monitor.AlertChange;
import io.mlops.monitor.AlertEvaluator;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Evaluates the alert rules on a daemon thread of {@code mlops server} at a fixed interval, until
 * closed. A round that fails (the store unreachable) is reported and the next round tries again;
 * the alerts' state is in the store, so nothing is lost in between.
 */
final class AlertSchedule implements AutoCloseable {
    private final ScheduledExecutorService timer;

    private AlertSchedule(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /**
     * Starts evaluating.
     *
     * @param evaluator the evaluator over the server's store and health history
     * @param every the interval between rounds
     * @param err where changes and failures are reported
     * @return the running schedule, to close when the server stops
     */
    static AlertSchedule start(AlertEvaluator evaluator, Duration every, PrintWriter err) {
        Objects.requireNonNull(evaluator, "evaluator");
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "mlops-alerts");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(
                () -> round(evaluator, err), every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        return new AlertSchedule(timer);
    }

    private static void round(AlertEvaluator evaluator, PrintWriter err) {
        try {
            for (AlertChange change : evaluator.evaluate()) {
                err.printf(
                        "mlops server: alert %s of %s %s: %s%n",
                        change.rule(), change.model(), change.firing() ? "fired" : "resolved", change.reason());
            }
        } catch (RuntimeException e) {
            // The next round tries again; a scheduled task that threw would never run again.
            err.println("mlops server: alert evaluation failed, retrying next round: " + e.getMessage());
        }
        err.flush();
    }

    /** Stops the schedule and waits (briefly) for a running round, so the stores outlive it. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
