package io.mlops.registry.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.registry.AliasName;
import io.mlops.registry.Change;
import io.mlops.registry.Deployment;
import io.mlops.registry.DeploymentStatus;
import io.mlops.registry.JdbcModelRegistry;
import io.mlops.registry.ModelCardFields;
import io.mlops.registry.NewVersion;
import io.mlops.registry.SourceArtifact;
import io.mlops.store.Database;
import io.mlops.store.Migrations;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registry events delivered to real receivers on loopback: signed, retried, logged, never blocking. */
class WebhookDispatcherTest {
    private static final String SECRET = "0123456789abcdef-secret";
    private static final Duration BASE_DELAY = Duration.ofMillis(100);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    private Database database;
    private JdbcModelRegistry registry;
    private WebhookStore webhooks;
    private WebhookDispatcher dispatcher;

    @BeforeEach
    void open() {
        database = Database.sqlite(directory.resolve("mlops.db"), Migrations.suite());
        registry = new JdbcModelRegistry(database);
        webhooks = new WebhookStore(database);
        dispatcher = new WebhookDispatcher(webhooks, new RetryPolicy(3, BASE_DELAY), Duration.ofSeconds(10));
        registry.listeners().add(dispatcher);
        registry.createModel("persons", "", Map.of(), Change.by("alice"));
        registry.registerVersion(version(), Change.by("alice"));
        registry.registerVersion(version(), Change.by("alice"));
    }

    @AfterEach
    void close() {
        dispatcher.close();
        database.close();
    }

    private static NewVersion version() {
        return new NewVersion(
                "persons",
                new SourceArtifact("/m.onnx", "a".repeat(64), 1),
                null,
                List.of(),
                Map.of("mAP50", 0.6),
                ModelCardFields.none(),
                "");
    }

    private Webhook subscribe(URI url, WebhookEvent... events) {
        return webhooks.add(new NewWebhook(url, SECRET, Set.of(events), "persons"));
    }

    private void promote(int version) {
        registry.setAlias("persons", new AliasName("production"), version, new Change("bob", "release"));
    }

    private List<DeliveryAttempt> awaitLog(Webhook webhook, Predicate<List<DeliveryAttempt>> done)
            throws InterruptedException {
        for (int i = 0; i < 400; i++) {
            List<DeliveryAttempt> log = webhooks.deliveries(webhook.id());
            if (done.test(log)) {
                return log.reversed();
            }
            Thread.sleep(25);
        }
        throw new AssertionError("the delivery log never got there: " + webhooks.deliveries(webhook.id()));
    }

    private static boolean ended(List<DeliveryAttempt> log) {
        return !log.isEmpty() && log.getFirst().status() != DeliveryStatus.RETRYING;
    }

    @Test
    void shouldPostASignedPayloadTheReceiverCanVerify() throws Exception {
        try (Receiver receiver = Receiver.answering(204)) {
            Webhook webhook = subscribe(receiver.url(), WebhookEvent.ALIAS_MOVED);

            promote(2);
            List<DeliveryAttempt> log = awaitLog(webhook, WebhookDispatcherTest::ended);

            assertThat(log).singleElement().satisfies(attempt -> {
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
                    .isEqualTo(log.getFirst().deliveryId());
            JsonNode body = JSON.readTree(request.body());
            assertThat(body.get("model").asText()).isEqualTo("persons");
            assertThat(body.get("actor").asText()).isEqualTo("bob");
            assertThat(body.get("reason").asText()).isEqualTo("release");
            assertThat(body.at("/alias/name").asText()).isEqualTo("production");
            assertThat(body.at("/alias/to").asInt()).isEqualTo(2);
            assertThat(body.at("/alias/from").isNull()).isTrue();
            assertThat(new String(request.body(), java.nio.charset.StandardCharsets.UTF_8))
                    .doesNotContain(SECRET);
        }
    }

    @Test
    void shouldDescribeADeploymentChangeWithTheStateBefore() throws Exception {
        try (Receiver receiver = Receiver.answering(200)) {
            Webhook webhook = subscribe(receiver.url(), WebhookEvent.DEPLOYMENT_CHANGED);

            registry.recordDeployment(
                    new Deployment("persons", 2, "openvino", "cpu-1", "http://cpu-1:8000", DeploymentStatus.RUNNING, 7),
                    Change.by("agent"));
            awaitLog(webhook, WebhookDispatcherTest::ended);

            JsonNode body = JSON.readTree(receiver.received().getFirst().body());
            assertThat(body.get("event").asText()).isEqualTo("DEPLOYMENT_CHANGED");
            assertThat(body.at("/deployment/backend").asText()).isEqualTo("openvino");
            assertThat(body.at("/deployment/status").asText()).isEqualTo("RUNNING");
            assertThat(body.get("previous").isNull()).isTrue();
        }
    }

    @Test
    void shouldMakeAPayloadSignedWithAnotherSecretOrTamperedWithDetectable() throws Exception {
        try (Receiver receiver = Receiver.answering(200)) {
            Webhook webhook = subscribe(receiver.url(), WebhookEvent.ALIAS_MOVED);

            promote(1);
            awaitLog(webhook, WebhookDispatcherTest::ended);

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
            List<DeliveryAttempt> log = awaitLog(webhook, WebhookDispatcherTest::ended);

            assertThat(log)
                    .extracting(DeliveryAttempt::attempt, DeliveryAttempt::status, DeliveryAttempt::httpStatus)
                    .containsExactly(
                            org.assertj.core.api.Assertions.tuple(1, DeliveryStatus.RETRYING, 500),
                            org.assertj.core.api.Assertions.tuple(2, DeliveryStatus.RETRYING, 503),
                            org.assertj.core.api.Assertions.tuple(3, DeliveryStatus.DELIVERED, 200));
            assertThat(log)
                    .extracting(DeliveryAttempt::deliveryId)
                    .containsOnly(log.getFirst().deliveryId());
            assertThat(log.get(0).error()).contains("HTTP 500");
            // Backoff: the second retry waits twice as long as the first.
            assertThat(log.get(1).at() - log.get(0).at()).isGreaterThanOrEqualTo(BASE_DELAY.toMillis());
            assertThat(log.get(2).at() - log.get(1).at()).isGreaterThanOrEqualTo(2 * BASE_DELAY.toMillis());
            assertThat(receiver.received()).hasSize(3);
            assertThat(receiver.received())
                    .allSatisfy(r -> assertThat(WebhookSignature.verify(
                                    SECRET,
                                    r.header(WebhookDispatcher.TIMESTAMP),
                                    r.body(),
                                    r.header(WebhookDispatcher.SIGNATURE)))
                            .isTrue());
            assertThat(JSON.readTree(receiver.received().getFirst().body())
                            .at("/version/version")
                            .asInt())
                    .isEqualTo(3);
        }
    }

    @Test
    void shouldGiveUpAfterTheLastAttemptOnAReceiverThatAlwaysFails() throws Exception {
        try (Receiver receiver = Receiver.answering(502)) {
            Webhook webhook = subscribe(receiver.url(), WebhookEvent.ALIAS_MOVED);

            promote(1);
            List<DeliveryAttempt> log = awaitLog(webhook, WebhookDispatcherTest::ended);

            assertThat(log)
                    .extracting(DeliveryAttempt::status)
                    .containsExactly(DeliveryStatus.RETRYING, DeliveryStatus.RETRYING, DeliveryStatus.FAILED);
            assertThat(receiver.received()).hasSize(3);
        }
    }

    @Test
    void shouldNotRetryAReceiverThatRefusesThePayload() throws Exception {
        try (Receiver receiver = Receiver.answering(400, 200)) {
            Webhook webhook = subscribe(receiver.url(), WebhookEvent.ALIAS_MOVED);

            promote(1);
            List<DeliveryAttempt> log = awaitLog(webhook, WebhookDispatcherTest::ended);

            assertThat(log).singleElement().satisfies(attempt -> {
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

        promote(1);
        List<DeliveryAttempt> log = awaitLog(webhook, WebhookDispatcherTest::ended);

        assertThat(log).hasSize(3);
        assertThat(log.getLast().status()).isEqualTo(DeliveryStatus.FAILED);
        assertThat(log).allSatisfy(attempt -> {
            assertThat(attempt.httpStatus()).isNull();
            assertThat(attempt.error()).contains("Connect");
        });
    }

    @Test
    void shouldLetTheRegistryChangeWhileAReceiverIsStillHoldingTheRequest() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (Receiver receiver = Receiver.holding(release, 200)) {
            Webhook webhook = subscribe(receiver.url(), WebhookEvent.ALIAS_MOVED);

            promote(1);
            promote(2);

            // Both changes returned while the receiver has not answered anything yet.
            assertThat(registry.versionByAlias("persons", new AliasName("production"))
                            .version())
                    .isEqualTo(2);
            assertThat(webhooks.deliveries(webhook.id())).isEmpty();
            release.countDown();
            List<DeliveryAttempt> log = awaitLog(webhook, l -> l.size() == 2);
            assertThat(log).extracting(DeliveryAttempt::status).containsOnly(DeliveryStatus.DELIVERED);
        }
    }
}
