package io.mlops.tracking.track;

import io.mlops.blob.BlobStore;
import io.mlops.error.UserError;
import io.mlops.git.GitWorkspace;
import io.mlops.tracking.ErrorCode;
import io.mlops.tracking.HostFacts;
import io.mlops.tracking.NewRun;
import io.mlops.tracking.Run;
import io.mlops.tracking.RunContext;
import io.mlops.tracking.RunStatus;
import io.mlops.tracking.StoredArtifact;
import io.mlops.tracking.Tag;
import io.mlops.tracking.TrackingError;
import io.mlops.tracking.TrackingStore;
import io.mlops.tracking.http.HostedEndpoint;
import io.mlops.tracking.http.ServletHost;
import io.mlops.tracking.http.TrackingApi;
import io.mlops.tracking.system.NvidiaSmi;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Runs a command as a tracked run: the engine of {@code mlops track} and of the Jenkins
 * {@code trackRun} step.
 *
 * <p>It creates the run (with the command, the Git state, the data snapshots and the host), serves
 * the MLflow API for it on a free loopback port with a one-time token, and starts the command with
 * {@code MLFLOW_TRACKING_URI}, {@code MLFLOW_TRACKING_TOKEN}, {@code MLFLOW_EXPERIMENT_NAME} and
 * {@code MLFLOW_RUN_ID} set, so that {@code mlflow.start_run()} in the command continues this run.
 * While the command runs, system metrics are sampled and {@code MLOPS_METRICS_FILE} is read. The
 * exit status decides the run's end: FINISHED for 0, else FAILED; KILLED when interrupted.
 */
public final class RunTracker {
    private final TrackingStore store;
    private final BlobStore blobs;
    private final ServletHost host;
    private final NvidiaSmi nvidiaSmi;
    private final Clock clock;

    /**
     * Creates the engine.
     *
     * @param store where the run is recorded
     * @param blobs where its artifacts go
     * @param host the web server for the run's API endpoint
     * @param nvidiaSmi the GPUs' reporter
     * @param clock the time of the run's events
     */
    public RunTracker(TrackingStore store, BlobStore blobs, ServletHost host, NvidiaSmi nvidiaSmi, Clock clock) {
        this.store = store;
        this.blobs = blobs;
        this.host = host;
        this.nvidiaSmi = nvidiaSmi;
        this.clock = clock;
    }

    /**
     * Runs a command as a tracked run and waits for it.
     *
     * @param request the command and where its run goes
     * @param out where the command's stdout goes
     * @param err where the command's stderr and tracking warnings go
     * @return the run and how it ended
     * @throws InterruptedException when interrupted; the command is stopped and the run KILLED
     * @throws UserError when the command cannot be started (the run is then FAILED)
     */
    public TrackResult track(TrackRequest request, OutputStream out, OutputStream err) throws InterruptedException {
        String experimentId = experiment(request.experimentName());
        RunContext context = new RunContext(
                CommandLine.display(request.command()),
                GitWorkspace.containing(request.workingDirectory())
                        .map(GitWorkspace::state)
                        .orElse(null),
                request.snapshots(),
                HostFacts.ofThisMachine(nvidiaSmi.gpuNames()));
        String user = request.environment().getOrDefault("USER", System.getProperty("user.name"));
        List<Tag> tags = new ArrayList<>(context.toTags());
        tags.add(new Tag("mlflow.user", user));
        Run run = store.createRun(new NewRun(experimentId, user, clock.millis(), request.runName(), tags));
        if (!context.toInputs().isEmpty()) {
            store.logInputs(run.id(), context.toInputs());
        }
        Consumer<String> warnings = message -> warn(err, message);
        Path scratch = scratchDirectory();
        // One token per run: only the command (which inherits it) may talk to this endpoint.
        String token = newToken();
        try (HostedEndpoint endpoint =
                TrackingApi.serve(host, new InetSocketAddress(loopback(), 0), store, blobs, token)) {
            Path metricsPath = scratch.resolve("metrics.jsonl");
            Files.createFile(metricsPath);
            Map<String, String> environment = environment(request, endpoint, run, metricsPath, token);
            long started = clock.millis();
            int exitCode;
            try (RunRecorder recorder = new RunRecorder(
                    store,
                    run.id(),
                    nvidiaSmi,
                    new MetricsFile(metricsPath, clock::millis, warnings),
                    clock,
                    warnings)) {
                Process process = start(request, environment, run.id());
                recorder.start(request.sampleInterval());
                Thread stdout = OutputPump.start(process.getInputStream(), out, "mlops-track-stdout");
                Thread stderr = OutputPump.start(process.getErrorStream(), err, "mlops-track-stderr");
                try {
                    exitCode = process.waitFor();
                } catch (InterruptedException e) {
                    stop(process);
                    end(run.id(), RunStatus.KILLED, warnings);
                    throw e;
                }
                stdout.join();
                stderr.join();
            }
            RunStatus status = exitCode == 0 ? RunStatus.FINISHED : RunStatus.FAILED;
            end(run.id(), status, warnings);
            return result(run.id(), exitCode, status, clock.millis() - started);
        } catch (IOException e) {
            end(run.id(), RunStatus.FAILED, warnings);
            throw new UserError("cannot serve the tracking API for " + request.command() + ": " + e.getMessage(), e);
        } finally {
            delete(scratch);
        }
    }

    private String experiment(String name) {
        var existing = store.experimentByName(name);
        if (existing.isPresent()) {
            return existing.get().id();
        }
        try {
            return store.createExperiment(name, List.of());
        } catch (TrackingError e) {
            if (e.code() == ErrorCode.RESOURCE_ALREADY_EXISTS) {
                // Another process created it since our look-up.
                return store.experimentByName(name).orElseThrow().id();
            }
            throw e;
        }
    }

    private static Map<String, String> environment(
            TrackRequest request, HostedEndpoint endpoint, Run run, Path metricsPath, String token) {
        Map<String, String> environment = new HashMap<>(request.environment());
        // An experiment id from outside would contradict the run; the run decides.
        environment.remove("MLFLOW_EXPERIMENT_ID");
        environment.put("MLFLOW_TRACKING_URI", endpoint.uri().toString());
        environment.put("MLFLOW_TRACKING_TOKEN", token);
        environment.put("MLFLOW_EXPERIMENT_NAME", request.experimentName());
        environment.put("MLFLOW_RUN_ID", run.id());
        environment.put(MetricsFile.ENV, metricsPath.toString());
        return environment;
    }

    private Process start(TrackRequest request, Map<String, String> environment, String runId) {
        ProcessBuilder builder = new ProcessBuilder(request.command())
                .directory(request.workingDirectory().toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            return process;
        } catch (IOException e) {
            end(runId, RunStatus.FAILED, message -> {});
            throw new UserError(
                    "cannot run " + request.command().getFirst() + " in " + request.workingDirectory() + ": "
                            + e.getMessage(),
                    e);
        }
    }

    private static void stop(Process process) throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private void end(String runId, RunStatus status, Consumer<String> warnings) {
        try {
            store.updateRun(runId, status, clock.millis(), null);
        } catch (TrackingError e) {
            // The command may have deleted its own run; its record stays as the command left it.
            warnings.accept("cannot mark run " + runId + " " + status + ": " + e.getMessage());
        }
    }

    private TrackResult result(String runId, int exitCode, RunStatus status, long duration) {
        Run run = store.run(runId);
        return new TrackResult(
                run.info().experimentId(),
                runId,
                run.info().runName(),
                exitCode,
                status,
                run.metrics().stream()
                        .filter(metric -> !metric.key().startsWith("system/"))
                        .toList(),
                store.artifacts(runId, "").stream().map(StoredArtifact::path).toList(),
                duration);
    }

    private static InetAddress loopback() {
        try {
            // The literal address: "localhost" may resolve to ::1 first, where nothing listens.
            return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("127.0.0.1 is always a valid address", e);
        }
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void warn(OutputStream err, String message) {
        synchronized (err) {
            try {
                err.write(("mlops track: " + message + "\n").getBytes(StandardCharsets.UTF_8));
                err.flush();
            } catch (IOException e) {
                // Nowhere left to report to.
            }
        }
    }

    private static Path scratchDirectory() {
        try {
            return Files.createTempDirectory("mlops-track-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind is harmless.
        }
    }
}
