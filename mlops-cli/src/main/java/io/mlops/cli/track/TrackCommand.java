package io.mlops.cli.track;

import io.mlops.cli.MlopsCommand;
import io.mlops.cli.Output;
import io.mlops.cli.server.JettyHost;
import io.mlops.cli.server.StoreOptions;
import io.mlops.data.Snapshot;
import io.mlops.data.Snapshots;
import io.mlops.suite.SuiteStores;
import io.mlops.tracking.Metric;
import io.mlops.tracking.SnapshotInput;
import io.mlops.tracking.system.NvidiaSmi;
import io.mlops.tracking.track.RunTracker;
import io.mlops.tracking.track.TrackRequest;
import io.mlops.tracking.track.TrackResult;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code mlops track -- COMMAND}: run a command as a tracked run. */
@Command(
        name = "track",
        mixinStandardHelpOptions = true,
        description = {
            "Run COMMAND as a tracked run: MLflow calls in it (mlflow.start_run(), log_param, log_metric,"
                    + " log_artifact...) go to this run, with no change to the code.",
            "COMMAND gets MLFLOW_TRACKING_URI (a loopback endpoint with a one-time token), MLFLOW_TRACKING_TOKEN,"
                    + " MLFLOW_EXPERIMENT_NAME and MLFLOW_RUN_ID; code without MLflow can append lines of JSON,"
                    + " e.g. {\"step\": 3, \"loss\": 0.25}, to the file named by MLOPS_METRICS_FILE.",
            "The run records the command, the Git commit and dirty flag, the data snapshots, the host and system"
                    + " metrics (CPU, memory, GPUs through nvidia-smi), and ends FINISHED or FAILED by the exit"
                    + " status, which mlops track exits with."
        })
public final class TrackCommand implements Callable<Integer> {
    /** The exit status of a command ended by SIGINT, as shells report it. */
    private static final int INTERRUPTED = 130;

    private static final long SHUTDOWN_GRACE_MILLIS = 20_000;

    @ParentCommand
    private MlopsCommand root;

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--experiment",
            paramLabel = "NAME",
            description = "The experiment (created if new). Default: $MLFLOW_EXPERIMENT_NAME, else Default.")
    private String experiment;

    @Option(names = "--name", paramLabel = "RUN", description = "The run's name. Default: a generated one.")
    private String name;

    @Option(
            names = "--snapshot",
            paramLabel = "ID",
            description = "A data snapshot the command reads (id, id prefix or name; repeatable).")
    private List<String> snapshots = new ArrayList<>();

    @Option(
            names = "--sample-interval",
            paramLabel = "SECONDS",
            description = "How often to record system metrics (default: ${DEFAULT-VALUE}).")
    private double sampleSeconds = 10;

    @Mixin
    private StoreOptions storeOptions;

    @Parameters(paramLabel = "COMMAND", arity = "1..*", description = "The command and its arguments, after --.")
    private List<String> command;

    @Override
    public Integer call() throws InterruptedException {
        String experimentName =
                experiment != null ? experiment : root.environment().getOrDefault("MLFLOW_EXPERIMENT_NAME", "Default");
        if (sampleSeconds <= 0) {
            throw new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--sample-interval must be positive: " + sampleSeconds);
        }
        List<SnapshotInput> inputs = new ArrayList<>();
        if (!snapshots.isEmpty()) {
            Snapshots catalog = Snapshots.open(root.home());
            for (String reference : snapshots) {
                Snapshot snapshot = catalog.find(reference);
                inputs.add(new SnapshotInput(
                        snapshot.id(),
                        snapshot.names().isEmpty() ? null : snapshot.names().getLast(),
                        snapshot.sourcePath()));
            }
        }
        TrackRequest request = new TrackRequest(
                experimentName,
                name,
                inputs,
                command,
                Path.of("").toAbsolutePath(),
                root.environment(),
                Duration.ofMillis((long) (sampleSeconds * 1000)));
        try (SuiteStores store = storeOptions.open(root.home(), root.environment())) {
            RunTracker tracker = new RunTracker(
                    store.tracking(), store.blobs(), new JettyHost(), new NvidiaSmi(), Clock.systemUTC());
            TrackResult result;
            CountDownLatch ended = new CountDownLatch(1);
            Thread hook = interruptOnShutdown(Thread.currentThread(), ended);
            try {
                result = tracker.track(
                        request,
                        new WriterStream(spec.commandLine().getOut()),
                        new WriterStream(spec.commandLine().getErr()));
            } catch (InterruptedException e) {
                spec.commandLine()
                        .getErr()
                        .println("mlops track: interrupted; the command was stopped and its run" + " marked KILLED");
                return INTERRUPTED;
            } finally {
                ended.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // The JVM is already shutting down: the hook is running or has run.
                }
            }
            new Output(spec.commandLine().getOut(), root.json()).result(result, summary(experimentName, result));
            return result.exitCode();
        }
    }

    /**
     * On Ctrl-C or a kill, the JVM shuts down: interrupting the tracking thread lets the engine stop
     * the command and mark the run KILLED before the store is closed.
     */
    private static Thread interruptOnShutdown(Thread tracking, CountDownLatch ended) {
        Thread hook = new Thread(
                () -> {
                    tracking.interrupt();
                    try {
                        // Waits for the run to be ended, not for the thread: it goes on to
                        // System.exit, which blocks while the JVM shuts down.
                        ended.await(SHUTDOWN_GRACE_MILLIS, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "mlops-track-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    private static String summary(String experiment, TrackResult result) {
        StringBuilder text = new StringBuilder(String.format(
                Locale.ROOT,
                "run %s (%s) in experiment %s: %s, exit status %d, %.1f s",
                result.runId(),
                result.runName(),
                experiment,
                result.status(),
                result.exitCode(),
                result.durationMillis() / 1000.0));
        if (!result.metrics().isEmpty()) {
            text.append("\nmetrics:");
            for (Metric metric : result.metrics()) {
                text.append(String.format(
                        Locale.ROOT, "%n  %-30s %s (step %d)", metric.key(), metric.value(), metric.step()));
            }
        }
        if (!result.artifacts().isEmpty()) {
            text.append("\nartifacts:");
            result.artifacts().forEach(path -> text.append("\n  ").append(path));
        }
        return text.toString();
    }
}
