package io.mlops.tracking.track;

import io.mlops.tracking.LoggingRules;
import io.mlops.tracking.Metric;
import io.mlops.tracking.TrackingStore;
import io.mlops.tracking.system.NvidiaSmi;
import io.mlops.tracking.system.SystemSample;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Records what the run logs besides the MLflow client while its command runs: system metrics
 * sampled at an interval, and the lines of the metrics file as they are completed.
 */
final class RunRecorder implements AutoCloseable {
    private static final Duration FILE_POLL = Duration.ofMillis(500);

    private final TrackingStore store;
    private final String runId;
    private final NvidiaSmi nvidiaSmi;
    private final MetricsFile metricsFile;
    private final Clock clock;
    private final Consumer<String> warnings;
    private final ScheduledExecutorService scheduler;
    private long samples;

    RunRecorder(
            TrackingStore store,
            String runId,
            NvidiaSmi nvidiaSmi,
            MetricsFile metricsFile,
            Clock clock,
            Consumer<String> warnings) {
        this.store = store;
        this.runId = runId;
        this.nvidiaSmi = nvidiaSmi;
        this.metricsFile = metricsFile;
        this.clock = clock;
        this.warnings = warnings;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "mlops-track-recorder");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts sampling and reading.
     *
     * @param sampleInterval how often to sample system metrics
     */
    void start(Duration sampleInterval) {
        scheduler.scheduleAtFixedRate(this::sampleSystem, 0, sampleInterval.toMillis(), TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(
                this::readMetricsFile, FILE_POLL.toMillis(), FILE_POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sampleSystem() {
        long step = samples++;
        log(SystemSample.ofThisMachine(nvidiaSmi).toMetrics(clock.millis(), step), "system metrics");
    }

    private void readMetricsFile() {
        try {
            log(metricsFile.readNew(), MetricsFile.ENV);
        } catch (IOException e) {
            warnings.accept("cannot read " + MetricsFile.ENV + ": " + e.getMessage());
        }
    }

    private void readMetricsFileToTheEnd() {
        try {
            log(metricsFile.readRest(), MetricsFile.ENV);
        } catch (IOException e) {
            warnings.accept("cannot read " + MetricsFile.ENV + ": " + e.getMessage());
        }
    }

    private void log(List<Metric> metrics, String source) {
        // A failure must not stop the schedule: the next sample or line may well be recorded.
        try {
            for (int from = 0; from < metrics.size(); from += LoggingRules.MAX_METRICS_PER_BATCH) {
                List<Metric> batch =
                        metrics.subList(from, Math.min(metrics.size(), from + LoggingRules.MAX_METRICS_PER_BATCH));
                store.logBatch(runId, batch, List.of(), List.of());
            }
        } catch (RuntimeException e) {
            warnings.accept("cannot record " + source + ": " + e.getMessage());
        }
    }

    /**
     * Stops sampling and records what the metrics file still holds: the command has ended, so its
     * last lines are complete.
     */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
                warnings.accept("the recorder did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        readMetricsFileToTheEnd();
    }
}
