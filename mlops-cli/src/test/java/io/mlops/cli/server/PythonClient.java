package io.mlops.cli.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.testing.Peers;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the test's Python scripts with the real {@code mlflow} package of the test virtual environment. */
final class PythonClient {
    private PythonClient() {}

    /**
     * What a script did.
     *
     * @param exitCode its exit status
     * @param stdout what it printed
     * @param stderr what it complained about
     */
    record Outcome(int exitCode, String stdout, String stderr) {
        JsonNode readback() {
            return stdout.lines()
                    .filter(line -> line.startsWith("READBACK "))
                    .map(line -> Http.parse(line.substring("READBACK ".length())))
                    .reduce((first, last) -> last)
                    .orElseThrow(() -> new AssertionError("no READBACK line in:\n" + stdout + "\n" + stderr));
        }
    }

    /**
     * Copies a script from the test resources.
     *
     * @param directory where to put it
     * @param name e.g. {@code train.py}
     * @return its path
     */
    static Path script(Path directory, String name) {
        try (InputStream in = PythonClient.class.getResourceAsStream("/io/mlops/cli/python/" + name)) {
            Path target = directory.resolve(name);
            Files.write(target, in.readAllBytes());
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The environment a script runs in: ours without MLflow settings, with MLflow's telemetry off.
     *
     * @return a mutable copy
     */
    static Map<String, String> environment() {
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.keySet().removeIf(key -> key.startsWith("MLFLOW_"));
        environment.put("MLFLOW_DISABLE_TELEMETRY", "true");
        environment.put("DO_NOT_TRACK", "true");
        environment.put("PYTHONUNBUFFERED", "1");
        return environment;
    }

    /**
     * The environment for a script talking to a tracking server.
     *
     * @param trackingUri the server
     * @return a mutable environment
     */
    static Map<String, String> environment(java.net.URI trackingUri) {
        Map<String, String> environment = environment();
        environment.put("MLFLOW_TRACKING_URI", trackingUri.toString());
        return environment;
    }

    /**
     * The Python interpreter of the test virtual environment, or the test skipped (failed in CI).
     *
     * @return its path
     */
    static String python() {
        return Peers.program("python").toString();
    }

    /**
     * Starts a script.
     *
     * @param script the script
     * @param environment its environment
     * @param arguments its arguments
     * @return the running script
     */
    static Running start(Path script, Map<String, String> environment, String... arguments) {
        List<String> command = new ArrayList<>(List.of(python(), script.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder =
                new ProcessBuilder(command).directory(script.getParent().toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            return new Running(process, read(process.getInputStream()), read(process.getErrorStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs a script to its end (at most five minutes).
     *
     * @param script the script
     * @param environment its environment
     * @param arguments its arguments
     * @return what it did
     */
    static Outcome run(Path script, Map<String, String> environment, String... arguments) {
        return start(script, environment, arguments).await();
    }

    /** A script that runs. */
    record Running(Process process, CompletableFuture<String> stdout, CompletableFuture<String> stderr) {
        Outcome await() {
            try {
                if (!process.waitFor(5, TimeUnit.MINUTES)) {
                    process.destroyForcibly();
                    throw new AssertionError("the Python script did not end within five minutes");
                }
                return new Outcome(process.exitValue(), stdout.join(), stderr.join());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static CompletableFuture<String> read(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
