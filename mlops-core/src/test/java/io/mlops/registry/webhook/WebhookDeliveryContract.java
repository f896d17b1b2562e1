package io.mlops.registry.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.registry.AliasName;
import io.mlops.registry.Change;
import io.mlops.registry.Deployment;
import io.mlops.registry.DeploymentStatus;
import io.mlops.registry.JdbcModelRegistry;
import io.mlops.registry.ModelCardFields;
import io.mlops.registry.NewVersion;
import io.mlops.registry.RegistryConflict;
import io.mlops.registry.SourceArtifact;
import io.mlops.store.Database;
import io.mlops.store.Migrations;
import io.mlops.store.StoreUrl;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Registry events delivered from the outbox to real receivers on loopback, on SQLite and
 * PostgreSQL: signed, retried with backoff kept in the database, carried on after a restart, sent
 * by whichever dispatcher runs (also for changes made where none runs), and sent once per event and
 * webhook with two dispatchers on one store. The test's clock makes retries due; rounds run in the
 * test's thread ({@link WebhookDispatcher#deliverDue}), so nothing waits on time.
 */
abstract class WebhookDeliveryContract {
    static final String SECRET = "0123456789abcdef-secret";
    static final Duration BASE_DELAY = Duration.ofSeconds(10);
    static final DeliverySettings SETTINGS = new DeliverySettings(
            new RetryPolicy(3, BASE_DELAY), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(1));
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<AutoCloseable> opened = new ArrayList<>();
    final TestClock clock = new TestClock(1_800_000_000_000L);
    StoreUrl url;
    Database database;
    JdbcModelRegistry registry;
    WebhookStore webhooks;
    WebhookDispatcher dispatcher;

    abstract StoreUrl newStore();

    @BeforeEach
    void open() {
        url = newStore();
        database = open(url);
        registry = new JdbcModelRegistry(database, clock);
        webhooks = new WebhookStore(database, clock);
        dispatcher = dispatcher(webhooks);
        registry.createModel("persons", "", Map.of(), Change.by("alice"));
        registry.registerVersion(version(), Change.by("alice"));
        registry.registerVersion(version(), Change.by("alice"));
    }

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : opened.reversed()) {
            closeable.close();
        }
    }

    Database open(StoreUrl location) {
        Database opened = Database.open(location, Migrations.suite());
        this.opened.add(opened);
        return opened;
    }

    WebhookDispatcher dispatcher(WebhookStore store) {
        WebhookDispatcher created = new WebhookDispatcher(store, SETTINGS, clock);
        opened.add(created);
        return created;
    }

    static NewVersion version() {
        return new NewVersion(
                "persons",
                new SourceArtifact("/m.onnx", "a".repeat(64), 1),
                null,
                List.of(),
                Map.of("mAP50", 0.6),
                ModelCardFields.none(),
                "");
    }

    Webhook subscribe(URI url, WebhookEvent... events) {
        return webhooks.add(new NewWebhook(url, SECRET, Set.of(events), "persons"));
    }

    void promote(JdbcModelRegistry on, int version) {
        on.setAlias("persons", new AliasName("production"), version, new Change("bob", "release"));
    }

    /** The delivery log oldest first. */
    List<DeliveryAttempt> log(Webhook webhook) {
        return webhooks.deliveries(webhook.id()).reversed();
    }

    @Test
    void shouldPostASignedPayloadTheReceiverCanVerify() throws Exception {
        try (Receiver receiver = Receiver.answering(204)) {
            Webhook webhook = subscribe(receiver.url(), WebhookEvent.ALIAS_MOVED);

            promote(registry, 2);
            assertThat(dispatcher.deliverDue()).isEqualTo(1);

            assertThat(log(webhook)).singleElement().satisfies(attempt -> {
                assertThat(attempt.status()).isEqualTo(DeliveryStatus.DELIVERED);
                assertThat(attempt.httpStatus()).isEqualTo(204);
                assertThat(attempt.event()).isEqualTo(WebhookEvent.ALIAS_MOVED);
            });
            Receiver.Received request = receiver.received().getFirst();
            assertThat(WebhookSignature.verify(
                            SECRET,
                            request.header(WebhookDispatcher.TIMESTAMP),
                            request.body(),
                            request.header(WebhookDispatcher.SIGNATURE)))
                    .isTrue();
            assertThat(request.header(WebhookDispatcher.EVENT)).isEqualTo("ALIAS_MOVED");
            assertThat(request.header(WebhookDispatcher.DELIVERY))
                    .isEqualTo(log(webhook).getFirst().deliveryId())
                    .isEqualTo(request.header(WebhookDispatcher.EVENT_ID) + "-" + webhook.id());
            JsonNode body = JSON.readTree(request.body());
            assertThat(body.get("delivery").asText()).isEqualTo(request.header(WebhookDispatcher.DELIVERY));
            assertThat(body.get("model").asText()).isEqualTo("persons");
            assertThat(body.get("actor").asText()).isEqualTo("bob");
            assertThat(body.get("reason").asText()).isEqualTo("release");
            assertThat(body.get("at").asLong()).isEqualTo(clock.millis());
            assertThat(body.at("/alias/name").asText()).isEqualTo("production");
            assertThat(body.at("/alias/to").asInt()).isEqualTo(2);
            assertThat(body.at("/alias/from").isNull()).isTrue();
            assertThat(new String(request.body(), StandardCharsets.UTF_8)).doesNotContain(SECRET);
            assertThat(dispatcher.deliverDue())
                    .as("delivered once, never again")
                    .isZero();
            assertThat(webhooks.pending(webhook.id())).isZero();
        }
    }

    @Test
    void shouldNeverPostToAnInternalAddressTheDeliveryPolicyRefuses() throws Exception {
        try (Receiver receiver = Receiver.answering(204);
                WebhookDispatcher publicOnly = new WebhookDispatcher(
                        webhooks, SETTINGS.withReceivers(WebhookAddressPolicy.PUBLIC_ONLY), clock)) {
            // made where no address was checked (a CLI command, or a name that resolved elsewhere then)
            Webhook webhook = subscribe(receiver.url(), WebhookEvent.ALIAS_MOVED);

            promote(registry, 2);
            assertThat(publicOnly.deliverDue()).isEqualTo(1);

            assertThat(receiver.received()).isEmpty();
            assertThat(log(webhook)).singleElement().satisfies(attempt -> {
                assertThat(attempt.status()).isEqualTo(DeliveryStatus.FAILED);
                assertThat(attempt.error()).contains("internal address");
            });
            assertThat(publicOnly.deliverDue())
                    .as("refused for good, not retried")
                    .isZero();
        }
    }

    @Test
    void shouldSignAWebhookMadeThroughMlflowsApiWithMlflowsScheme() throws Exception {
        try (Receiver receiver = Receiver.answering(200)) {
            MlflowWebhooks mlflow = new MlflowWebhooks(
                    database, clock, WebhookAddressPolicy.allowing(List.of("127.0.0.1", "localhost")));
            mlflow.create(
                    "on-aliases",
                    receiver.url().toString(),
                    List.of("model_version_alias.created"),
                    null,
                    SECRET,
                    null);

            registry.registerVersion(version(), Change.by("carol"));
            promote(registry, 2);
            assertThat(dispatcher.deliverDue())
                    .as("the version event is not one it asked for")
                    .isEqualTo(1);

            Receiver.Received request = receiver.received().getFirst();
            assertThat(request.header("X-MLflow-Signature")).startsWith("v1,");
            assertThat(request.header(WebhookDispatcher.SIGNATURE)).isNull();
            JsonNode body = JSON.readTree(request.body());
            assertThat(body.get("entity").asText()).isEqualTo("model_version_alias");
            assertThat(body.get("action").asText()).isEqualTo("created");
        }
    }

    @Test
    void shouldDescribeADeploymentChangeWithTheStateBefore() throws Exception {
        try (Receiver receiver = Receiver.answering(200)) {
            subscribe(receiver.url(), WebhookEvent.DEPLOYMENT_CHANGED);

            registry.recordDeployment(
                    new Deployment("persons", 2, "openvino", "cpu-1", "http://cpu-1:8000", DeploymentStatus.RUNNING, 7),
                    Change.by("agent"));
            dispatcher.deliverDue();

            JsonNode body = JSON.readTree(receiver.received().getFirst().body());
            assertThat(body.get("event").asText()).isEqualTo("DEPLOYMENT_CHANGED");
            assertThat(body.at("/deployment/backend").asText()).isEqualTo("openvino");
            assertThat(body.at("/deployment/status").asText()).isEqualTo("RUNNING");
            assertThat(body.get("previous").isNull()).isTrue();
        }
    }

    @Test
    void shouldDescribeANewVersionWithItsMetrics() throws Exception {
        try (Receiver receiver = Receiver.answering(200)) {
            subscribe(receiver.url(), WebhookEvent.VERSION_CREATED);

            registry.registerVersion(version(), Change.by("carol"));
            dispatcher.deliverDue();

            JsonNode body = JSON.readTree(receiver.received().getFirst().body());
            assertThat(body.at("/version/version").asInt()).isEqualTo(3);
            assertThat(body.at("/version/metrics/mAP50").asDouble()).isEqualTo(0.6);
            assertThat(body.at("/version/sha256").asText()).isEqualTo("a".repeat(64));
        }
    }

    @Test
    void shouldMakeAPayloadSignedWithAnotherSecretOrTamperedWithDetectable() throws Exception {
        try (Receiver receiver = Receiver.answering(200)) {
            subscribe(receiver.url(), WebhookEvent.ALIAS_MOVED);

            promote(registry, 1);
            dispatcher.deliverDue();

            Receiver.Received request = receiver.received().getFirst();
            String timestamp = request.header(WebhookDispatcher.TIMESTAMP);
            String signature = request.header(WebhookDispatcher.SIGNATURE);
            assertThat(signature).startsWith("sha256=").hasSize("sha256=".length() + 64);
            assertThat(WebhookSignature.verify("another-secret-of-16", timestamp, request.body(), signature))
                    .isFalse();
            assertThat(WebhookSignature.verify(
                            SECRET, String.valueOf(Long.parseLong(timestamp) + 1), request.body(), signature))
                    .as("a replay with a fresh timestamp")
                    .isFalse();
            byte[] tampered = request.body().clone();
            tampered[tampered.length - 2] ^= 1;
            assertThat(WebhookSignature.verify(SECRET, timestamp, tampered, signature))
                    .isFalse();
        }
    }

    @Test
    void shouldRetryAReceiverThatFailsTwiceWithBackoffUnderOneDeliveryId() throws Exception {
        try (Receiver receiver = Receiver.answering(500, 503, 200)) {
            Webhook webhook = subscribe(receiver.url(), WebhookEvent.VERSION_CREATED);

            registry.registerVersion(version(), Change.by("carol"));
            assertThat(dispatcher.deliverDue()).isEqualTo(1);
            assertThat(dispatcher.deliverDue()).as("the retry is not due yet").isZero();
            clock.advance(BASE_DELAY);
            assertThat(dispatcher.deliverDue()).isEqualTo(1);
            clock.advance(BASE_DELAY);
            assertThat(dispatcher.deliverDue())
                    .as("the second retry waits twice as long")
                    .isZero();
            clock.advance(BASE_DELAY);
            assertThat(dispatcher.deliverDue()).isEqualTo(1);
            assertThat(dispatcher.deliverDue()).isZero();

            List<DeliveryAttempt> log = log(webhook);
            assertThat(log)
                    .extracting(DeliveryAttempt::attempt, DeliveryAttempt::status, DeliveryAttempt::httpStatus)
                    .containsExactly(
                            tuple(1, DeliveryStatus.RETRYING, 500),
                            tuple(2, DeliveryStatus.RETRYING, 503),
                            tuple(3, DeliveryStatus.DELIVERED, 200));
            assertThat(log)
                    .extracting(DeliveryAttempt::deliveryId)
                    .containsOnly(log.getFirst().deliveryId());
            assertThat(log.get(0).error()).contains("HTTP 500");
            assertThat(receiver.received()).hasSize(3);
            assertThat(receiver.received())
                    .extracting(r -> r.header(WebhookDispatcher.DELIVERY))
                    .containsOnly(log.getFirst().deliveryId());
            assertThat(receiver.received())
                    .allSatisfy(r -> assertThat(WebhookSignature.verify(
                                    SECRET,
                                    r.header(WebhookDispatcher.TIMESTAMP),
                                    r.body(),
                                    r.header(WebhookDispatcher.SIGNATURE)))
                            .isTrue());
        }
    }

    @Test
    void shouldGiveUpAfterTheLastAttemptOnAReceiverThatAlwaysFails() throws Exception {
        try (Receiver receiver = Receiver.answering(502)) {
            Webhook webhook = subscribe(receiver.url(), WebhookEvent.ALIAS_MOVED);

            promote(registry, 1);
            for (int round = 0; round < 5; round++) {
                dispatcher.deliverDue();
                clock.advance(BASE_DELAY.multipliedBy(4));
            }

            assertThat(log(webhook))
                    .extracting(DeliveryAttempt::status)
                    .containsExactly(DeliveryStatus.RETRYING, DeliveryStatus.RETRYING, DeliveryStatus.FAILED);
            assertThat(receiver.received()).hasSize(3);
            assertThat(webhooks.pending(webhook.id())).isZero();
        }
    }

    @Test
    void shouldNotRetryAReceiverThatRefusesThePayload() throws Exception {
        try (Receiver receiver = Receiver.answering(400, 200)) {
            Webhook webhook = subscribe(receiver.url(), WebhookEvent.ALIAS_MOVED);

            promote(registry, 1);
            dispatcher.deliverDue();
            clock.advance(BASE_DELAY.multipliedBy(10));
            assertThat(dispatcher.deliverDue()).isZero();

            assertThat(log(webhook)).singleElement().satisfies(attempt -> {
                assertThat(attempt.status()).isEqualTo(DeliveryStatus.FAILED);
                assertThat(attempt.httpStatus()).isEqualTo(400);
            });
        }
    }

    @Test
    void shouldRetryAReceiverThatIsNotListeningAndSayWhy() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Webhook webhook = subscribe(URI.create("http://127.0.0.1:" + port + "/hook"), WebhookEvent.ALIAS_MOVED);

        promote(registry, 1);
        for (int round = 0; round < 3; round++) {
            dispatcher.deliverDue();
            clock.advance(BASE_DELAY.multipliedBy(4));
        }

        List<DeliveryAttempt> log = log(webhook);
        assertThat(log).hasSize(3);
        assertThat(log.getLast().status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(log).allSatisfy(attempt -> {
            assertThat(attempt.httpStatus()).isNull();
            assertThat(attempt.error()).contains("Connect");
        });
    }

    @Test
    void shouldCarryOnAPendingRetryAfterTheHostRestarted() throws Exception {
        try (Receiver receiver = Receiver.answering(503, 200)) {
            Webhook webhook = subscribe(receiver.url(), WebhookEvent.ALIAS_MOVED);
            promote(registry, 1);
            assertThat(dispatcher.deliverDue()).isEqualTo(1);

            // The host stops: its dispatcher and database close; another process starts on the store.
            dispatcher.close();
            database.close();
            Database reopened = open(url);
            WebhookStore afterRestart = new WebhookStore(reopened, clock);
            WebhookDispatcher next = dispatcher(afterRestart);
            assertThat(next.deliverDue()).as("the retry is not due yet").isZero();
            clock.advance(BASE_DELAY);
            assertThat(next.deliverDue()).isEqualTo(1);

            assertThat(afterRestart.deliveries(webhook.id()).reversed())
                    .extracting(DeliveryAttempt::attempt, DeliveryAttempt::status)
                    .containsExactly(tuple(1, DeliveryStatus.RETRYING), tuple(2, DeliveryStatus.DELIVERED));
            assertThat(receiver.received())
                    .extracting(r -> r.header(WebhookDispatcher.DELIVERY))
                    .hasSize(2)
                    .containsOnly(receiver.received().getFirst().header(WebhookDispatcher.DELIVERY));
        }
    }

    @Test
    void shouldDeliverAChangeMadeByAProcessThatRunsNoDispatcher() throws Exception {
        try (Receiver receiver = Receiver.answering(200)) {
            Webhook webhook = subscribe(receiver.url(), WebhookEvent.ALIAS_MOVED);

            // What `mlops registry alias` does: its own database handle and registry, no dispatcher.
            Database cli = open(url);
            promote(new JdbcModelRegistry(cli, clock), 2);
            cli.close();

            assertThat(dispatcher.deliverDue()).isEqualTo(1);
            assertThat(JSON.readTree(receiver.received().getFirst().body())
                            .at("/alias/to")
                            .asInt())
                    .isEqualTo(2);
            assertThat(log(webhook)).extracting(DeliveryAttempt::status).containsExactly(DeliveryStatus.DELIVERED);
        }
    }

    @Test
    void shouldQueueNothingForAChangeThatDidNotCommit() throws Exception {
        try (Receiver receiver = Receiver.answering(200)) {
            Webhook webhook = subscribe(receiver.url(), WebhookEvent.ALIAS_MOVED);
            promote(registry, 1);
            assertThat(dispatcher.deliverDue()).isEqualTo(1);

            assertThatThrownBy(() -> registry.archive("persons", 1, Change.by("bob")))
                    .isInstanceOf(RegistryConflict.class);
            registry.archive("persons", 2, Change.by("bob"));
            assertThatThrownBy(() -> promote(registry, 2)).isInstanceOf(RegistryConflict.class);

            assertThat(dispatcher.deliverDue()).isZero();
            assertThat(webhooks.pending(webhook.id())).isZero();
            assertThat(receiver.received()).hasSize(1);
        }
    }

    @Test
    void shouldDeliverEachEventOnceToEachWebhookWithTwoDispatchersOnOneStore() throws Exception {
        try (Receiver first = Receiver.answering(200);
                Receiver second = Receiver.answering(200)) {
            subscribe(first.url(), WebhookEvent.ALIAS_MOVED);
            subscribe(second.url(), WebhookEvent.ALIAS_MOVED, WebhookEvent.VERSION_CREATED);
            int changes = 40;
            for (int i = 0; i < changes / 2; i++) {
                promote(registry, 1 + i % 2);
                registry.registerVersion(version(), Change.by("carol"));
            }
            // Two hosts: each its own database handle (pool) and dispatcher, racing for the same rows.
            List<WebhookDispatcher> hosts = List.of(
                    dispatcher(new WebhookStore(open(url), clock)), dispatcher(new WebhookStore(open(url), clock)));
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                List<Callable<Integer>> rounds = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    WebhookDispatcher host = hosts.get(t % 2);
                    rounds.add(() -> {
                        int made = 0;
                        for (int n = host.deliverDue(); n > 0; n = host.deliverDue()) {
                            made += n;
                        }
                        return made;
                    });
                }
                int made = 0;
                for (Future<Integer> round : threads.invokeAll(rounds)) {
                    made += round.get();
                }
                assertThat(made).isEqualTo(changes / 2 + changes);
            } finally {
                threads.shutdown();
            }

            assertThat(countsByDelivery(first)).hasSize(changes / 2).containsOnly(1L);
            assertThat(countsByDelivery(second)).hasSize(changes).containsOnly(1L);
        }
    }

    @Test
    void shouldResendWithTheSameIdsWhenADispatcherIsKilledMidDelivery() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (Receiver receiver = Receiver.holding(release, 200)) {
            Webhook webhook = subscribe(receiver.url(), WebhookEvent.ALIAS_MOVED);
            JdbcModelRegistry onSystemClock = new JdbcModelRegistry(database);
            promote(onSystemClock, 2);

            Process child = dispatcherProcess();
            try {
                // The child claimed the delivery and posted it; the receiver holds the request.
                receiver.awaitRequests(1);
            } finally {
                child.destroyForcibly();
                child.waitFor();
            }
            release.countDown();
            assertThat(webhooks.deliveries(webhook.id()))
                    .as("the killed process recorded nothing")
                    .isEmpty();
            assertThat(webhooks.pending(webhook.id())).isEqualTo(1);

            WebhookStore store = new WebhookStore(database);
            WebhookDispatcher beforeLeaseEnds = new WebhookDispatcher(store, SETTINGS, Clock.systemUTC());
            opened.add(beforeLeaseEnds);
            assertThat(beforeLeaseEnds.deliverDue())
                    .as("the dead process's lease still holds")
                    .isZero();
            WebhookDispatcher afterLeaseEnds = new WebhookDispatcher(
                    store, SETTINGS, Clock.offset(Clock.systemUTC(), DispatcherProcess.LEASE.plusSeconds(1)));
            opened.add(afterLeaseEnds);
            assertThat(afterLeaseEnds.deliverDue()).isEqualTo(1);
            assertThat(afterLeaseEnds.deliverDue()).isZero();

            assertThat(receiver.received()).hasSize(2);
            Receiver.Received lost = receiver.received().get(0);
            Receiver.Received resent = receiver.received().get(1);
            assertThat(resent.header(WebhookDispatcher.DELIVERY)).isEqualTo(lost.header(WebhookDispatcher.DELIVERY));
            assertThat(resent.header(WebhookDispatcher.EVENT_ID)).isEqualTo(lost.header(WebhookDispatcher.EVENT_ID));
            assertThat(resent.body()).isEqualTo(lost.body());
            assertThat(log(webhook))
                    .extracting(DeliveryAttempt::attempt, DeliveryAttempt::status)
                    .containsExactly(tuple(1, DeliveryStatus.DELIVERED));
        }
    }

    private Process dispatcherProcess() throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                java.toString(), "-Xmx128m", "-XX:+UseSerialGC", "-cp", classPath, DispatcherProcess.class.getName()));
        if (url.file() != null) {
            command.addAll(List.of("sqlite", url.file().toString()));
        } else {
            command.addAll(List.of("postgresql", url.jdbcUrl(), url.user(), url.password()));
        }
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /** How many times each delivery id arrived. */
    static List<Long> countsByDelivery(Receiver receiver) {
        return List.copyOf(receiver.received().stream()
                .collect(Collectors.groupingBy(r -> r.header(WebhookDispatcher.DELIVERY), Collectors.counting()))
                .values());
    }
}
