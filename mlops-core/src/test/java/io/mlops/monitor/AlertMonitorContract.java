package io.mlops.monitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.mlops.error.UserError;
import io.mlops.json.Json;
import io.mlops.registry.Change;
import io.mlops.registry.JdbcModelRegistry;
import io.mlops.registry.RecordedEvent;
import io.mlops.registry.RegistryEvent;
import io.mlops.registry.RegistryEvents;
import io.mlops.registry.UnknownRegistryEntry;
import io.mlops.registry.webhook.DeliverySettings;
import io.mlops.registry.webhook.NewWebhook;
import io.mlops.registry.webhook.RetryPolicy;
import io.mlops.registry.webhook.WebhookDispatcher;
import io.mlops.registry.webhook.WebhookEvent;
import io.mlops.registry.webhook.WebhookStore;
import io.mlops.store.Database;
import io.mlops.store.Migrations;
import io.mlops.store.StoreUrl;
import io.mlops.suite.RegistryAlertAnnouncer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Alert rules evaluated over health samples on a real store (SQLite and PostgreSQL): rules and the
 * alerts' state kept in the store, each change announced once into the registry's event stream and
 * outbox, delivered to a webhook, and neither repeated nor lost across a restart or a SIGKILL. The
 * samples come from an in-memory {@link HealthHistory} (the store's own is tested with the poller
 * that fills it); the test's clock ends each window, so nothing waits on time.
 */
abstract class AlertMonitorContract {
    static final long START = 1_800_000_000_000L;
    static final String GPU1 = "http://127.0.0.1:8001";
    static final String GPU2 = "http://127.0.0.1:8002";

    private final List<AutoCloseable> opened = new ArrayList<>();
    StoreUrl url;
    Database database;
    JdbcModelRegistry registry;
    RegistryEvents events;
    AlertRules rules;
    AlertStates states;
    final ListHealthHistory history = new ListHealthHistory();
    long now = START;

    abstract StoreUrl newStore();

    @BeforeEach
    void open() {
        url = newStore();
        database = open(url);
        registry = new JdbcModelRegistry(database);
        events = new RegistryEvents(database);
        rules = new AlertRules(database, registry::model, Clock.systemUTC());
        states = new AlertStates(database);
        registry.createModel("persons", "", Map.of(), Change.by("alice"));
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : opened.reversed()) {
            closeable.close();
        }
    }

    Database open(StoreUrl location) {
        Database db = Database.open(location, Migrations.suite());
        opened.add(db);
        return db;
    }

    AlertEvaluator evaluator(Database on) {
        JdbcModelRegistry reg = new JdbcModelRegistry(on);
        return new AlertEvaluator(
                new AlertRules(on, reg::model, Clock.systemUTC()),
                new AlertStates(on),
                history,
                new RegistryAlertAnnouncer(reg, new RegistryEvents(on)),
                Clock.fixed(Instant.ofEpochMilli(now), ZoneOffset.UTC));
    }

    List<AlertChange> evaluate() {
        return evaluator(database).evaluate();
    }

    static HealthSample sample(String endpoint, long at, double psi, double errorRate, double p95) {
        return new HealthSample(
                "persons", 1, endpoint, at, 5, errorRate, p95 / 2, p95, p95 * 2, Map.of("x", psi, "y", 0.01));
    }

    /**
     * Samples every minute over the five minutes up to {@code now} in which input x drifted (PSI 0.3):
     * the first is five minutes old, so a five-minute drift rule has held.
     */
    static List<HealthSample> breaching(long now) {
        List<HealthSample> samples = new ArrayList<>();
        for (int minute = 5; minute >= 0; minute--) {
            samples.add(sample(GPU1, now - Duration.ofMinutes(minute).toMillis(), 0.3, 0, 10));
        }
        return samples;
    }

    void minutes(int count) {
        now += Duration.ofMinutes(count).toMillis();
    }

    void record(String endpoint, double psi, double errorRate, double p95) {
        history.record(sample(endpoint, now, psi, errorRate, p95));
    }

    AlertRule driftRule() {
        return rules.add(new AlertRule("persons", "drift", AlertKind.DRIFT, 0.2, 5, null));
    }

    List<RegistryEvent.AlertChanged> alertEvents() {
        return events.since(0, 1000).stream()
                .map(RecordedEvent::event)
                .filter(RegistryEvent.AlertChanged.class::isInstance)
                .map(RegistryEvent.AlertChanged.class::cast)
                .toList();
    }

    @Test
    void shouldKeepRulesAndRefuseBadOnes() {
        AlertRule drift = driftRule();
        AlertRule latency = rules.add(new AlertRule("persons", "slow", AlertKind.LATENCY, 250, 10, null));

        assertThat(rules.list("persons")).containsExactly(drift, latency);
        assertThat(rules.list(null)).containsExactly(drift, latency);
        assertThatThrownBy(() -> rules.add(new AlertRule("nobody", "drift", AlertKind.DRIFT, 0.2, 5, null)))
                .isInstanceOf(UnknownRegistryEntry.class)
                .hasMessageContaining("nobody");
        assertThatThrownBy(this::driftRule)
                .isInstanceOf(UserError.class)
                .hasMessageContaining("has an alert rule named 'drift' already");
        rules.remove("persons", "slow");
        assertThat(rules.list("persons")).containsExactly(drift);
        assertThatThrownBy(() -> rules.remove("persons", "slow"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("no alert rule named 'slow'");
    }

    @Test
    void shouldFireOnceWhenEverySampleOfTheWindowExceedsTheLimitAndResolveOnce() {
        driftRule();
        breaching(now).forEach(history::record);

        List<AlertChange> fired = evaluate();
        assertThat(evaluate()).as("still firing: nothing new").isEmpty();
        minutes(1);
        record(GPU1, 0.35, 0, 10);
        assertThat(evaluate()).isEmpty();
        minutes(1);
        record(GPU1, 0.05, 0, 10);
        List<AlertChange> resolved = evaluate();
        assertThat(evaluate()).isEmpty();

        assertThat(fired).singleElement().satisfies(change -> {
            assertThat(change.firing()).isTrue();
            assertThat(change.endpoint()).isEqualTo(GPU1);
            assertThat(change.value()).isEqualTo(0.3);
            assertThat(change.detail()).isEqualTo("input x");
        });
        assertThat(resolved)
                .singleElement()
                .satisfies(change -> assertThat(change.firing()).isFalse());
        assertThat(alertEvents())
                .extracting(RegistryEvent.AlertChanged::firing, RegistryEvent.AlertChanged::kind)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(true, "drift"),
                        org.assertj.core.groups.Tuple.tuple(false, "drift"));
        RegistryEvent.AlertChanged first = alertEvents().getFirst();
        assertThat(first.change().actor()).isEqualTo("monitor");
        assertThat(first.change().reason()).contains("drift > 0.2 for 5 min on " + GPU1, "input x: 0.3");
        assertThat(states.list("persons")).singleElement().satisfies(state -> {
            assertThat(state.firing()).isFalse();
            assertThat(state.since()).isEqualTo(now);
            assertThat(state.pendingMark()).isNull();
        });
    }

    @Test
    void shouldNotFireWhileOneSampleOfTheWindowIsWithinTheLimit() {
        driftRule();
        record(GPU1, 0.3, 0, 10);
        minutes(2);
        record(GPU1, 0.1, 0, 10);
        minutes(2);
        record(GPU1, 0.3, 0, 10);
        assertThat(evaluate()).isEmpty();

        minutes(2);
        record(GPU1, 0.3, 0, 10);
        assertThat(evaluate()).as("0.1 still in the window").isEmpty();
        minutes(2);
        record(GPU1, 0.3, 0, 10);
        assertThat(evaluate())
                .as("0.1 out of the window, but above the limit for 4 minutes only")
                .isEmpty();
        minutes(1);
        record(GPU1, 0.3, 0, 10);

        assertThat(evaluate())
                .as("above the limit for 5 minutes")
                .singleElement()
                .extracting(AlertChange::firing)
                .isEqualTo(true);
    }

    @Test
    void shouldNeitherFireNorResolveOnAGap() {
        driftRule();
        assertThat(evaluate()).as("no samples at all").isEmpty();
        history.record(
                new HealthSample("persons", 1, GPU1, now, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Map.of()));
        assertThat(evaluate()).as("a sample without drift").isEmpty();
        breaching(now).forEach(history::record);
        assertThat(evaluate()).hasSize(1);

        minutes(30);
        assertThat(evaluate()).as("the agent went quiet").isEmpty();
        assertThat(states.list("persons"))
                .singleElement()
                .extracting(AlertState::firing)
                .isEqualTo(true);
        record(GPU1, 0.01, 0, 10);
        assertThat(evaluate()).singleElement().extracting(AlertChange::firing).isEqualTo(false);
        assertThat(alertEvents()).hasSize(2);
    }

    @Test
    void shouldWatchEachKindOnEachEndpointApart() {
        rules.add(new AlertRule("persons", "errors", AlertKind.ERROR_RATE, 0.1, 1, null));
        rules.add(new AlertRule("persons", "slow", AlertKind.LATENCY, 100, 1, null));
        rules.add(new AlertRule("persons", "y-drift", AlertKind.DRIFT, 0.2, 1, "y"));
        record(GPU1, 0.3, 0.5, 20);
        record(GPU2, 0.0, 0.0, 150);
        assertThat(evaluate())
                .as("pending: not yet above the limit for a minute")
                .isEmpty();
        minutes(1);
        record(GPU1, 0.3, 0.5, 20);
        record(GPU2, 0.0, 0.0, 150);

        List<AlertChange> fired = evaluate();

        assertThat(fired)
                .extracting(AlertChange::rule, AlertChange::endpoint, AlertChange::value)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("errors", GPU1, 0.5),
                        org.assertj.core.groups.Tuple.tuple("slow", GPU2, 150.0));
        assertThat(alertEvents())
                .extracting(RegistryEvent.AlertChanged::kind)
                .containsExactlyInAnyOrder("error_rate", "latency");
    }

    @Test
    void shouldForgetTheAlertsOfARemovedRule() {
        driftRule();
        breaching(now).forEach(history::record);
        evaluate();

        rules.remove("persons", "drift");

        assertThat(states.list(null)).isEmpty();
    }

    @Test
    void shouldNotFireAgainAfterARestart() {
        driftRule();
        breaching(now).forEach(history::record);
        assertThat(evaluate()).hasSize(1);

        Database reopened = open(url);
        minutes(1);
        record(GPU1, 0.4, 0, 10);

        assertThat(evaluator(reopened).evaluate()).isEmpty();
        assertThat(alertEvents()).hasSize(1);
    }

    @Test
    void shouldAnnounceAChangeLeftPendingOnceWhetherOrNotItReachedTheStream() {
        driftRule();
        RegistryAlertAnnouncer announcer = new RegistryAlertAnnouncer(registry, events);
        AlertChange lost = new AlertChange("persons", 1, GPU1, "drift", AlertKind.DRIFT, true, 0.3, 0.2, "input x", 5);
        AlertChange told = new AlertChange("persons", 1, GPU2, "drift", AlertKind.DRIFT, true, 0.4, 0.2, "input x", 5);
        // a monitor died after recording each change: before announcing the first, after the second
        assertThat(states.begin(lost, now, announcer.mark())).isTrue();
        assertThat(states.begin(told, now, announcer.mark())).isTrue();
        announcer.announce(told);
        assertThat(states.begin(told, now, announcer.mark()))
                .as("a second monitor loses the race")
                .isFalse();

        assertThat(evaluate()).containsExactly(lost);
        assertThat(evaluate()).isEmpty();

        assertThat(alertEvents())
                .extracting(RegistryEvent.AlertChanged::endpoint)
                .containsExactly(GPU2, GPU1);
        assertThat(states.pending()).isEmpty();
    }

    @Test
    void shouldDeliverTheAlertToAWebhook() throws Exception {
        List<byte[]> bodies = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                bodies.add(in.readAllBytes());
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            WebhookStore webhooks = new WebhookStore(database);
            webhooks.add(new NewWebhook(
                    URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"),
                    "0123456789abcdef-secret",
                    Set.of(WebhookEvent.ALERT_CHANGED),
                    "persons"));
            driftRule();
            breaching(now).forEach(history::record);
            evaluate();

            try (WebhookDispatcher dispatcher = new WebhookDispatcher(
                    webhooks,
                    new DeliverySettings(
                            new RetryPolicy(1, Duration.ofSeconds(1)),
                            Duration.ofSeconds(10),
                            Duration.ofSeconds(30),
                            Duration.ofSeconds(1)))) {
                assertThat(dispatcher.deliverDue()).isEqualTo(1);
            }
        } finally {
            receiver.stop(0);
        }

        JsonNode body = Json.mapper().readTree(bodies.getFirst());
        assertThat(body.get("event").asText()).isEqualTo("ALERT_CHANGED");
        assertThat(body.get("model").asText()).isEqualTo("persons");
        assertThat(body.get("actor").asText()).isEqualTo("monitor");
        JsonNode alert = body.get("alert");
        assertThat(alert.get("kind").asText()).isEqualTo("drift");
        assertThat(alert.get("rule").asText()).isEqualTo("drift");
        assertThat(alert.get("endpoint").asText()).isEqualTo(GPU1);
        assertThat(alert.get("firing").asBoolean()).isTrue();
        assertThat(alert.get("value").asDouble()).isEqualTo(0.3);
        assertThat(alert.get("limit").asDouble()).isEqualTo(0.2);
        assertThat(alert.get("detail").asText()).isEqualTo("input x");
        assertThat(alert.get("version").asInt()).isEqualTo(1);
    }

    @Test
    void shouldNotFireAgainAfterTheMonitorWasKilledWhileItsAlertFired() throws Exception {
        driftRule();
        breaching(now).forEach(history::record);
        Process monitor = monitorProcess();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(monitor.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            while (line != null && !line.startsWith("fired ")) {
                line = out.readLine();
            }
            assertThat(line).isEqualTo("fired 1");
        } finally {
            monitor.destroyForcibly();
            monitor.waitFor();
        }
        assertThat(alertEvents()).hasSize(1);

        Database restarted = open(url);
        minutes(1);
        record(GPU1, 0.3, 0, 10);

        assertThat(evaluator(restarted).evaluate()).isEmpty();
        assertThat(alertEvents())
                .singleElement()
                .satisfies(event -> assertThat(event.firing()).isTrue());
        minutes(1);
        record(GPU1, 0.0, 0, 10);
        assertThat(evaluator(restarted).evaluate())
                .singleElement()
                .extracting(AlertChange::firing)
                .isEqualTo(false);
    }

    private Process monitorProcess() throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                java.toString(),
                "-Xmx128m",
                "-XX:+UseSerialGC",
                "-cp",
                classPath,
                AlertMonitorProcess.class.getName(),
                Long.toString(now)));
        if (url.file() != null) {
            command.addAll(List.of("sqlite", url.file().toString()));
        } else {
            command.addAll(List.of("postgresql", url.jdbcUrl(), url.user(), url.password()));
        }
        return new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }
}
