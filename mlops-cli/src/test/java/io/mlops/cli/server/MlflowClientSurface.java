package io.mlops.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlops.registry.JdbcModelRegistry;
import io.mlops.registry.http.MlflowRegistryFilter;
import io.mlops.registry.webhook.DeliverySettings;
import io.mlops.registry.webhook.MlflowWebhooks;
import io.mlops.registry.webhook.RetryPolicy;
import io.mlops.registry.webhook.WebhookAddressPolicy;
import io.mlops.registry.webhook.WebhookDispatcher;
import io.mlops.registry.webhook.WebhookStore;
import io.mlops.store.Database;
import io.mlops.store.Migrations;
import io.mlops.store.StoreUrl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
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
        List<String> accessLog = new CopyOnWriteArrayList<>();
        Database database = Database.open(StoreUrl.parse(store), Migrations.suite());
        JdbcModelRegistry registry = new JdbcModelRegistry(database);
        // delivered as mlops server delivers: the outbox, polled, and woken by each change made here
        try (Database delivery = Database.open(StoreUrl.parse(store), Migrations.suite());
                WebhookDispatcher dispatcher = new WebhookDispatcher(
                                new WebhookStore(delivery), DeliverySettings.of(new RetryPolicy(1, Duration.ZERO)))
                        .start();
                TrackingServer server = TrackingServer.start(
                        database,
                        directory.resolve("blobs"),
                        new AccessLog(accessLog::add),
                        new MlflowRegistryFilter(
                                registry,
                                List.of(directory),
                                new MlflowWebhooks(database, WebhookAddressPolicy.allowing(List.of("127.0.0.1")))))) {
            // the outbox delivers what the changes queued; a change made here wakes the dispatcher at once
            registry.listeners().add(event -> dispatcher.wake());
            PythonClient.Outcome outcome =
                    PythonClient.run(file, PythonClient.environment(server.uri()), model.toString(), "surface");

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
        }
    }
}
