package io.mlops.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlops.cli.Main;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The MLflow client surface, each call made by the stock MLflow 3 client in a script of
 * {@link ClientScript#ALL}, against {@code mlops server}'s tracking and registry protocols with the
 * access log on. Every call must end as the script expects, and no request may reach a path the
 * server does not know ({@code ENDPOINT_NOT_FOUND} under {@code /api/2.0/mlflow/}). Subclasses
 * run it on SQLite and on PostgreSQL; the records feed docs/tracking.md's table.
 */
abstract class MlflowClientSurface {
    private static final Pattern LISTENING = Pattern.compile("tracking API at (http://\\S+?)/? ");

    /** The calls each script made in this JVM, by script file. */
    static final Map<String, List<ClientScript.Call>> RECORDED = new ConcurrentHashMap<>();

    /** The pending endpoints ({@link ClientScript#PENDING}) the scripts called, with the scripts that did. */
    static final Map<String, Set<String>> UNKNOWN = new ConcurrentHashMap<>();

    @TempDir
    Path directory;

    /**
     * A fresh, empty store, as users would write its URL.
     *
     * @return the URL
     */
    abstract String newStore();

    static Stream<ClientScript> scripts() {
        return ClientScript.ALL.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void shouldAnswerEveryCallOfTheClientScript(ClientScript script) throws IOException {
        List<ClientScript.Call> calls = run(script, directory, newStore());

        assertThat(calls).isNotEmpty();
        assertThat(calls)
                .as("calls that did not end as the script expects (other than on a pending endpoint)")
                .filteredOn(call -> !call.outcome().equals("ok") && call.pendingEndpoint() == null)
                .isEmpty();
        RECORDED.put(script.file(), calls);
    }

    /**
     * Runs one script against a fresh server on a store.
     *
     * @param script the script
     * @param directory a scratch directory
     * @param store the store URL
     * @return the calls it made
     * @throws IOException when the server cannot start
     */
    static List<ClientScript.Call> run(ClientScript script, Path directory, String store) throws IOException {
        Path model = Files.writeString(directory.resolve("model.onnx"), "bytes of a model, hashed by the registry");
        PythonClient.script(directory, "surface.py");
        Path file = PythonClient.script(directory, script.file());
        Path accessLogFile = directory.resolve("access.log");
        // The real `mlops server` in its own JVM, as users start it: its composition, its webhook
        // dispatcher over the outbox, its access log.
        Process server = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "--home",
                        directory.resolve("home").toString(),
                        "server",
                        "--port",
                        "0",
                        "--store",
                        store,
                        "--model-files",
                        directory.toString(),
                        "--webhook-allow-hosts",
                        "127.0.0.1",
                        "--access-log",
                        accessLogFile.toString()))
                .redirectErrorStream(true)
                .start();
        try {
            URI uri = URI.create(listeningAddress(server));
            PythonClient.Outcome outcome =
                    PythonClient.run(file, PythonClient.environment(uri), model.toString(), "surface");
            List<String> accessLog = Files.readAllLines(accessLogFile);

            assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
            List<String> unknown = accessLog.stream()
                    .filter(line -> line.contains(" /api/2.0/mlflow/") && line.endsWith(" ENDPOINT_NOT_FOUND"))
                    .map(line -> line.split(" ")[2] + " " + line.split(" ")[3])
                    .distinct()
                    .toList();
            assertThat(unknown)
                    .as(
                            "requests to endpoints the server does not know, in the access log:\n%s",
                            String.join("\n", accessLog))
                    .isSubsetOf(ClientScript.PENDING.keySet());
            unknown.forEach(endpoint ->
                    UNKNOWN.computeIfAbsent(endpoint, key -> new TreeSet<>()).add(script.file()));
            assertThat(accessLog).as("the access log saw the client").isNotEmpty();
            String line = outcome.stdout()
                    .lines()
                    .filter(text -> text.startsWith("SURFACE "))
                    .reduce((first, last) -> last)
                    .orElseThrow(() ->
                            new AssertionError("no SURFACE line in:\n" + outcome.stdout() + "\n" + outcome.stderr()));
            return ClientScript.Call.of(Http.parse(line.substring("SURFACE ".length())));
        } finally {
            server.destroy();
            try {
                server.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String listeningAddress(Process server) throws IOException {
        BufferedReader lines =
                new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            seen.append(line).append('\n');
            Matcher matcher = LISTENING.matcher(line);
            if (matcher.find()) {
                Thread drain = new Thread(() -> lines.lines().forEach(ignored -> {}));
                drain.setDaemon(true);
                drain.start();
                return matcher.group(1);
            }
        }
        throw new AssertionError("mlops server ended before it listened:\n" + seen);
    }
}
