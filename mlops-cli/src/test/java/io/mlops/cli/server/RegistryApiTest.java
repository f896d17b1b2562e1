package io.mlops.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.mlops.monitor.AlertChange;
import io.mlops.monitor.AlertKind;
import io.mlops.monitor.AlertRules;
import io.mlops.monitor.AlertStates;
import io.mlops.monitor.HealthGaps;
import io.mlops.monitor.HealthSample;
import io.mlops.monitor.JdbcHealthHistory;
import io.mlops.monitor.http.AlertApiFilter;
import io.mlops.monitor.http.ProductionApiFilter;
import io.mlops.registry.AliasName;
import io.mlops.registry.http.RegistryApiFilter;
import io.mlops.registry.webhook.DeliverySettings;
import io.mlops.registry.webhook.RetryPolicy;
import io.mlops.registry.webhook.WebhookAddressPolicy;
import io.mlops.registry.webhook.WebhookDispatcher;
import io.mlops.registry.webhook.WebhookSignature;
import io.mlops.registry.webhook.WebhookStore;
import io.mlops.store.Database;
import io.mlops.store.Migrations;
import io.mlops.store.StoreUrl;
import io.mlops.tracking.http.BearerTokenFilter;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry's JSON API on a real server with a token: what each endpoint answers on a seeded
 * store, and how it refuses bad requests without changing anything. Every exchange is checked
 * against the OpenAPI file the server serves ({@link RegistryContract}), and every operation of
 * the file must be exercised.
 */
class RegistryApiTest {
    private static final String TOKEN = "registry-token";
    private static final String API = "/api/registry/v1/";
    private static final Set<String> EXERCISED = ConcurrentHashMap.newKeySet();
    private static final Set<String> DESCRIBED = ConcurrentHashMap.newKeySet();

    @TempDir
    Path directory;

    private RegistrySeed seed;
    private WebhookDispatcher dispatcher;
    private TrackingServer server;
    private Http http;
    private RegistryContract api;
    private JdbcHealthHistory health;
    private AlertStates alerts;

    @BeforeEach
    void start() throws IOException {
        Database database = Database.open(StoreUrl.sqlite(directory.resolve("mlops.db")), Migrations.suite());
        seed = new RegistrySeed(database);
        WebhookStore webhooks = new WebhookStore(database);
        alerts = new AlertStates(database);
        // Not started: the test runs delivery rounds itself, so it need not wait for a thread.
        dispatcher = new WebhookDispatcher(webhooks, DeliverySettings.of(new RetryPolicy(2, Duration.ofMillis(50))));
        server = TrackingServer.start(
                database,
                directory.resolve("blobs"),
                // The test's receiver listens on loopback, which the operator must allow.
                new ProductionApiFilter(seed.registry, health = new JdbcHealthHistory(database), Clock.systemUTC()),
                new AlertApiFilter(
                        seed.registry,
                        new AlertRules(database, seed.registry::model, Clock.systemUTC()),
                        alerts,
                        TOKEN),
                new RegistryApiFilter(
                        seed.registry, webhooks, TOKEN, WebhookAddressPolicy.allowing(List.of("127.0.0.1"))),
                new BearerTokenFilter(TOKEN));
        http = new Http(server.uri());
        api = new RegistryContract(server.uri(), EXERCISED);
        DESCRIBED.addAll(api.operations());
    }

    @AfterAll
    static void shouldHaveExercisedEveryOperationOfTheOpenApiFile() {
        assertThat(RegistryContract.missing(DESCRIBED, EXERCISED)).isEmpty();
    }

    @AfterEach
    void stop() {
        dispatcher.close();
        server.close();
    }

    @Test
    void shouldAnswerTheProductionViewWithEachDeploymentsSamplesGapsAndLastRead() {
        long now = System.currentTimeMillis();
        String endpoint = "http://gpu-1:8000/v2/models/persons";
        String gone = "http://gpu-2:8000/v2/models/persons";
        health.record(
                new HealthSample("persons", 1, endpoint, now - 60_000, 12.5, 0.2, 1.5, 4, 9.5, Map.of("age", 0.3)));
        health.record(new HealthSample(
                "persons", 1, endpoint, now - 45_000, 0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Map.of()));
        health.record(HealthGaps.gap("persons", 1, endpoint, now - 30_000));
        health.record(new HealthSample("persons", 2, gone, now - 7_200_000, 1, 0, 1, 1, 1, Map.of()));

        Http.Answer answer = api.get("/models/persons/production?hours=1");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode body = answer.json();
        assertThat(body.get("hours").asInt()).isEqualTo(1);
        assertThat(body.get("deployments")).hasSize(1);
        JsonNode deployment = body.at("/deployments/0");
        assertThat(deployment.get("endpoint").asText()).isEqualTo(endpoint);
        assertThat(deployment.get("status").asText()).isEqualTo("RUNNING");
        assertThat(deployment.get("backend").asText()).isEqualTo("onnxruntime");
        assertThat(deployment.get("lastReadAt").asLong()).isEqualTo(now - 45_000);
        assertThat(deployment.at("/samples/0/requestsPerSecond").asDouble()).isEqualTo(12.5);
        assertThat(deployment.at("/samples/0/inputPsi/age").asDouble()).isEqualTo(0.3);
        assertThat(deployment.at("/samples/1/p95Ms").isNull()).isTrue();
        assertThat(deployment.at("/samples/2/gap").asBoolean()).isTrue();
        assertThat(deployment.at("/samples/2/requestsPerSecond").isNull()).isTrue();
        // A deployment the registry no longer records still shows while its samples are in range.
        JsonNode day = api.get("/models/persons/production?hours=24").json();
        assertThat(day.at("/deployments/1/endpoint").asText()).isEqualTo(gone);
        assertThat(day.at("/deployments/1/status").isNull()).isTrue();
        assertThat(api.get("/models/cars/production").json().get("deployments")).isEmpty();
        assertError(api.getInvalid("/models/persons/production?hours=0"), 400, "INVALID_ARGUMENT", "1 to 168");
        assertError(api.get("/models/nobody/production"), 404, "NOT_FOUND", "nobody");
    }

    private Http.Answer write(String path, String body, String token, String actor) {
        return api.post("/" + path, body, token, actor, true);
    }

    private Http.Answer badWrite(String path, String body, String token, String actor) {
        return api.post("/" + path, body, token, actor, false);
    }

    @Test
    void shouldListModelsByNameWithTotalsAndVersionCountsWithoutAToken() {
        Http.Answer answer = api.get("/models");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode body = answer.json();
        assertThat(body.get("total").asInt()).isEqualTo(2);
        assertThat(body.at("/models/0/name").asText()).isEqualTo("cars");
        assertThat(body.at("/models/0/latestVersion").isNull()).isTrue();
        assertThat(body.at("/models/0/versionCount").asInt()).isZero();
        assertThat(body.at("/models/1/name").asText()).isEqualTo("persons");
        assertThat(body.at("/models/1/latestVersion").asInt()).isEqualTo(3);
        assertThat(body.at("/models/1/versionCount").asInt()).isEqualTo(3);
        assertThat(body.at("/models/1/aliases/production").asInt()).isEqualTo(1);
        assertThat(body.at("/models/1/tags/team").asText()).isEqualTo("vision");
    }

    @Test
    void shouldPageAndSearchModelsCaseInsensitively() {
        JsonNode page = api.get("/models?limit=1&offset=1").json();
        JsonNode search = api.get("/models?q=PERS").json();

        assertThat(page.get("total").asInt()).isEqualTo(2);
        assertThat(page.get("models")).hasSize(1);
        assertThat(page.at("/models/0/name").asText()).isEqualTo("persons");
        assertThat(search.get("total").asInt()).isEqualTo(1);
        assertThat(search.at("/models/0/name").asText()).isEqualTo("persons");
    }

    @Test
    void shouldAnswerTheModelPageInOneCallNewestFirst() {
        JsonNode page = api.get("/models/persons").json();

        assertThat(page.at("/model/versionCount").asInt()).isEqualTo(3);
        assertThat(page.get("versions").findValuesAsText("status")).containsExactly("ARCHIVED", "READY", "READY");
        assertThat(page.at("/versions/2/aliases/0").asText()).isEqualTo("production");
        assertThat(page.at("/versions/2/source/uri").asText()).isEqualTo("runs:/" + seed.firstRun + "/model.onnx");
        assertThat(page.at("/versions/2/metrics/mAP50").asDouble()).isEqualTo(0.61);
        assertThat(page.at("/versions/2/card/opset").asInt()).isEqualTo(17);
        assertThat(page.at("/deployments/0/node").asText()).isEqualTo("gpu-1");
        assertThat(page.at("/audit/0/action").asText()).isEqualTo("DEPLOYMENT_CHANGED");
        assertThat(page.get("audit").get(0).get("id").asLong())
                .isGreaterThan(page.get("audit").get(1).get("id").asLong());
    }

    @Test
    void shouldShowAVersionWithItsRunParamsMetricsSnapshotsAndDeployments() {
        JsonNode body = api.get("/models/persons/versions/1").json();

        assertThat(body.at("/version/version").asInt()).isEqualTo(1);
        assertThat(body.at("/lineage/run/id").asText()).isEqualTo(seed.firstRun);
        assertThat(body.at("/lineage/run/gitCommit").asText()).isEqualTo("abc123");
        assertThat(body.at("/lineage/run/params/lr").asText()).isEqualTo("0.01");
        assertThat(body.at("/lineage/run/metrics/mAP50").asDouble()).isEqualTo(0.61);
        assertThat(body.at("/lineage/snapshots/0/files").asInt()).isEqualTo(3);
        assertThat(body.at("/lineage/snapshots/0/bytes").asLong()).isEqualTo(300);
        assertThat(body.at("/lineage/deployments/0/backend").asText()).isEqualTo("onnxruntime");
    }

    @Test
    void shouldCompareVersionsInTheOrderAsked() {
        JsonNode body = api.get("/models/persons/compare?versions=2,1").json();

        assertThat(body.get("versions")).hasSize(2);
        assertThat(body.at("/versions/0/version/version").asInt()).isEqualTo(2);
        assertThat(body.at("/versions/0/params/lr").asText()).isEqualTo("0.001");
        assertThat(body.at("/versions/1/params/lr").asText()).isEqualTo("0.01");
        assertThat(body.at("/versions/1/lineage/run/id").asText()).isEqualTo(seed.firstRun);
    }

    @Test
    void shouldDeriveTheStageHistoryFromTheAuditLog() {
        JsonNode history = api.get("/models/persons/stages").json().get("history");

        assertThat(history.findValuesAsText("kind")).containsExactly("SET", "MOVED", "ROLLBACK");
        assertThat(history.findValuesAsText("actor")).containsExactly("alice", "bob", "carol");
        assertThat(history.get(1).get("previous").asInt()).isEqualTo(1);
        assertThat(history.get(1).get("version").asInt()).isEqualTo(2);
        assertThat(history.get(2).get("version").asInt()).isEqualTo(1);
        assertThat(history.get(2).get("reason").asText()).isEqualTo("latency regression");
        assertThat(history.get(0).get("previous").isNull()).isTrue();
    }

    @Test
    void shouldChartEachMetricAcrossVersions() {
        JsonNode metrics = api.get("/models/persons/metrics").json().get("metrics");

        assertThat(metrics.get("mAP50").findValuesAsText("version")).containsExactly("1", "2", "3");
        assertThat(metrics.at("/mAP50/2/value").asDouble()).isEqualTo(0.5);
        assertThat(metrics.get("latency_ms")).hasSize(2);
    }

    @Test
    void shouldPromoteRollBackAndArchiveUnderTheTokenHoldersName() {
        Http.Answer promote =
                write("models/persons/aliases/production", "{\"version\":2,\"reason\":\"canary ok\"}", TOKEN, "dana");
        Http.Answer rollback =
                write("models/persons/aliases/production/rollback", "{\"reason\":\"alerts\"}", TOKEN, "erin");
        Http.Answer archive = write("models/persons/versions/2/archive", "{\"reason\":\"superseded\"}", TOKEN, null);

        assertThat(promote.status()).isEqualTo(200);
        assertThat(promote.json().at("/version/aliases/0").asText()).isEqualTo("production");
        assertThat(rollback.json().at("/version/version").asInt()).isEqualTo(1);
        assertThat(archive.json().at("/version/status").asText()).isEqualTo("ARCHIVED");
        JsonNode audit = api.get("/models/persons").json().get("audit");
        assertThat(audit.get(0).get("actor").asText()).isEqualTo("anonymous");
        assertThat(audit.get(0).get("reason").asText()).isEqualTo("superseded");
        assertThat(audit.get(1).get("actor").asText()).isEqualTo("erin");
        assertThat(audit.get(2).get("actor").asText()).isEqualTo("dana");
        assertThat(audit.get(2).get("action").asText()).isEqualTo("ALIAS_SET");
    }

    @Test
    void shouldRefuseWritesWithoutTheTokenAndChangeNothing() {
        Http.Answer none =
                badWrite("models/persons/aliases/production", "{\"version\":2,\"reason\":\"x\"}", null, "mallory");
        Http.Answer wrong =
                write("models/persons/aliases/production", "{\"version\":2,\"reason\":\"x\"}", "guess", "mallory");
        Http.Answer archive = write("models/persons/versions/2/archive", "{\"reason\":\"x\"}", "guess", null);

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.json().at("/error/code").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(none.response().headers().firstValue("WWW-Authenticate")).contains("Bearer");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.text()).doesNotContain(TOKEN).doesNotContain("guess");
        assertThat(archive.status()).isEqualTo(401);
        assertThat(seed.registry
                        .versionByAlias("persons", new AliasName("production"))
                        .version())
                .isEqualTo(1);
        assertThat(seed.registry.version("persons", 2).status().name()).isEqualTo("READY");
        assertThat(seed.registry.audit("persons"))
                .noneMatch(entry -> entry.actor().equals("mallory"));
    }

    @Test
    void shouldAnswerUnknownModelsVersionsAndAliasesWith404() {
        assertError(api.get("/models/nope"), 404, "NOT_FOUND", "nope");
        assertError(api.get("/models/persons/versions/9"), 404, "NOT_FOUND", "no version 9");
        assertError(api.get("/models/nope/stages"), 404, "NOT_FOUND", "nope");
        assertError(
                write("models/persons/aliases/staging/rollback", "{\"reason\":\"x\"}", TOKEN, null),
                404,
                "NOT_FOUND",
                "staging");
        assertError(http.get(API + "nothing/here"), 404, "NOT_FOUND", "nothing/here");
    }

    @Test
    void shouldRefuseBadInputWithAMessageThatSaysWhat() {
        assertError(api.getInvalid("/models/persons/versions/one"), 400, "INVALID_ARGUMENT", "'one'");
        assertError(api.getInvalid("/models/persons/compare?versions=1"), 400, "INVALID_ARGUMENT", "2 to 4");
        assertError(api.get("/models/persons/compare?versions=1,2,3,1"), 400, "INVALID_ARGUMENT", "twice");
        assertError(api.getInvalid("/models/persons/compare?versions=1,2,3,4,5"), 400, "INVALID_ARGUMENT", "not 5");
        assertError(api.getInvalid("/models/persons/compare"), 400, "INVALID_ARGUMENT", "versions=");
        assertError(api.getInvalid("/models?limit=0"), 400, "INVALID_ARGUMENT", "limit");
        assertError(
                badWrite("models/persons/aliases/production", "{\"version\":2", TOKEN, null),
                400,
                "INVALID_ARGUMENT",
                "malformed JSON");
        assertError(
                badWrite("models/persons/aliases/production", "{\"version\":2}", TOKEN, null),
                400,
                "INVALID_ARGUMENT",
                "'reason'");
        assertError(
                badWrite("models/persons/aliases/production", "{\"version\":\"two\",\"reason\":\"x\"}", TOKEN, null),
                400,
                "INVALID_ARGUMENT",
                "'version'");
        assertError(
                badWrite("models/persons/aliases/bad%20alias", "{\"version\":2,\"reason\":\"x\"}", TOKEN, null),
                400,
                "INVALID_ARGUMENT",
                "alias");
        assertError(
                write("models/persons/versions/1/archive", "{\"reason\":\"x\"}", TOKEN, null),
                409,
                "CONFLICT",
                "production");
        assertError(
                write("models/persons/aliases/production", "{\"version\":3,\"reason\":\"x\"}", TOKEN, null),
                409,
                "CONFLICT",
                "archived");
        assertError(http.post(API + "models/persons", "application/json", "{}"), 405, "INVALID_ARGUMENT", "POST");
        assertThat(seed.registry
                        .versionByAlias("persons", new AliasName("production"))
                        .version())
                .isEqualTo(1);
    }

    @Test
    void shouldManageWebhooksAndShowTheirDeliveriesButNeverTheirSecret() throws Exception {
        String secret = "webhook-secret-0123456789";
        List<byte[]> bodies = new CopyOnWriteArrayList<>();
        List<String> signatures = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            bodies.add(exchange.getRequestBody().readAllBytes());
            signatures.add(exchange.getRequestHeaders().getFirst(WebhookDispatcher.TIMESTAMP) + " "
                    + exchange.getRequestHeaders().getFirst(WebhookDispatcher.SIGNATURE));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            Http.Answer added = api.post(
                    "/webhooks",
                    "{\"url\":\"" + url + "\",\"secret\":\"" + secret + "\",\"events\":[\"ALIAS_MOVED\"],"
                            + "\"model\":\"persons\"}",
                    TOKEN,
                    null,
                    true);
            long id = added.json().get("id").asLong();
            Http.Answer listed = api.get("/webhooks", TOKEN);

            write("models/persons/aliases/production", "{\"version\":2,\"reason\":\"canary ok\"}", TOKEN, "dana");
            assertThat(dispatcher.deliverDue()).isEqualTo(1);
            JsonNode deliveries =
                    api.get("/webhooks/" + id + "/deliveries", TOKEN).json().get("deliveries");

            assertThat(added.text()).doesNotContain(secret);
            assertThat(added.json().get("events").get(0).asText()).isEqualTo("ALIAS_MOVED");
            assertThat(listed.text()).doesNotContain(secret);
            assertThat(listed.json().at("/webhooks/0/url").asText()).isEqualTo(url);
            assertThat(deliveries).singleElement().satisfies(attempt -> {
                assertThat(attempt.get("status").asText()).isEqualTo("DELIVERED");
                assertThat(attempt.get("httpStatus").asInt()).isEqualTo(200);
                assertThat(attempt.get("attempt").asInt()).isEqualTo(1);
            });
            String[] signed = signatures.getFirst().split(" ");
            assertThat(WebhookSignature.verify(secret, signed[0], bodies.getFirst(), signed[1]))
                    .isTrue();
            assertThat(Http.parse(new String(bodies.getFirst(), StandardCharsets.UTF_8))
                            .get("actor")
                            .asText())
                    .isEqualTo("dana");

            assertThat(api.delete("/webhooks/" + id, TOKEN, true).status()).isEqualTo(200);
            assertError(api.get("/webhooks/" + id + "/deliveries", TOKEN), 404, "NOT_FOUND", "no webhook with id");
            assertThat(api.get("/webhooks", TOKEN).json().get("webhooks")).isEmpty();
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void shouldRefuseWebhookRequestsWithoutTheTokenOrWithBadFields() {
        String good = "\"secret\":\"webhook-secret-0123456789\"";
        assertError(api.getInvalid("/webhooks"), 401, "UNAUTHENTICATED", "token");
        assertError(
                badWrite("webhooks", "{\"url\":\"http://h/x\"," + good + ",\"events\":[\"ALIAS_MOVED\"]}", null, null),
                401,
                "UNAUTHENTICATED",
                "token");
        assertError(
                badWrite(
                        "webhooks",
                        "{\"url\":\"http://h/x\",\"secret\":\"short\",\"events\":[\"ALIAS_MOVED\"]}",
                        TOKEN,
                        null),
                400,
                "INVALID_ARGUMENT",
                "at least 16");
        assertError(
                badWrite("webhooks", "{\"url\":\"http://h/x\"," + good + ",\"events\":[\"MODEL_EATEN\"]}", TOKEN, null),
                400,
                "INVALID_ARGUMENT",
                "MODEL_EATEN");
        assertError(
                badWrite("webhooks", "{\"url\":\"http://h/x\"," + good + "}", TOKEN, null),
                400,
                "INVALID_ARGUMENT",
                "'events'");
        assertError(
                write("webhooks", "{\"url\":\"ftp://h/x\"," + good + ",\"events\":[\"ALIAS_MOVED\"]}", TOKEN, null),
                400,
                "INVALID_ARGUMENT",
                "http:// or https://");
        // Server-side request forgery: internal addresses the operator did not allow are refused.
        for (String internal :
                List.of("http://169.254.169.254/latest/meta-data", "http://10.0.0.1/x", "http://[::1]:9/x")) {
            assertError(
                    write(
                            "webhooks",
                            "{\"url\":\"" + internal + "\"," + good + ",\"events\":[\"ALIAS_MOVED\"]}",
                            TOKEN,
                            null),
                    400,
                    "INVALID_ARGUMENT",
                    "internal address");
        }
        assertError(api.delete("/webhooks/abc", TOKEN, false), 400, "INVALID_ARGUMENT", "'abc'");
        assertError(api.delete("/webhooks/999", TOKEN, true), 404, "NOT_FOUND", "999");
        assertError(api.delete("/webhooks/999", null, false), 401, "UNAUTHENTICATED", "token");
        assertThat(api.get("/webhooks", TOKEN).json().get("webhooks")).isEmpty();
    }

    @Test
    void shouldManageAlertRulesAndShowTheAlertsWithoutATokenToRead() {
        String rule = "{\"name\":\"drift\",\"kind\":\"drift\",\"limit\":0.2,\"minutes\":5,\"input\":\"x\"}";
        assertThat(api.get("/models/persons/alerts").json().get("rules")).isEmpty();

        Http.Answer added = write("models/persons/alerts", rule, TOKEN, null);
        alerts.begin(
                new AlertChange(
                        "persons", 1, "http://gpu-1:8000", "drift", AlertKind.DRIFT, true, 0.31, 0.2, "input x", 5),
                1_800_000_000_000L,
                0);

        assertThat(added.status()).as(added.text()).isEqualTo(200);
        assertThat(added.json().get("input").asText()).isEqualTo("x");
        JsonNode listed = api.get("/models/persons/alerts").json();
        assertThat(listed.at("/rules/0/name").asText()).isEqualTo("drift");
        assertThat(listed.at("/rules/0/kind").asText()).isEqualTo("drift");
        assertThat(listed.at("/rules/0/limit").asDouble()).isEqualTo(0.2);
        assertThat(listed.at("/rules/0/minutes").asInt()).isEqualTo(5);
        assertThat(listed.at("/alerts/0/firing").asBoolean()).isTrue();
        assertThat(listed.at("/alerts/0/endpoint").asText()).isEqualTo("http://gpu-1:8000");
        assertThat(listed.at("/alerts/0/value").asDouble()).isEqualTo(0.31);
        assertThat(listed.at("/alerts/0/since").asLong()).isEqualTo(1_800_000_000_000L);
        assertError(write("models/persons/alerts", rule, TOKEN, null), 400, "INVALID_ARGUMENT", "already");
        assertThat(api.delete("/models/persons/alerts/drift", TOKEN, true).status())
                .isEqualTo(200);
        assertThat(api.get("/models/persons/alerts").json().get("alerts")).isEmpty();
    }

    @Test
    void shouldRefuseBadAlertRulesWithAMessageThatSaysWhat() {
        assertError(
                badWrite(
                        "models/persons/alerts",
                        "{\"name\":\"a\",\"kind\":\"cpu\",\"limit\":1,\"minutes\":5}",
                        TOKEN,
                        null),
                400,
                "INVALID_ARGUMENT",
                "unknown alert kind 'cpu'");
        assertError(
                badWrite(
                        "models/persons/alerts",
                        "{\"name\":\"a\",\"kind\":\"latency\",\"limit\":-1,\"minutes\":5}",
                        TOKEN,
                        null),
                400,
                "INVALID_ARGUMENT",
                "0 or more");
        assertError(
                badWrite(
                        "models/persons/alerts",
                        "{\"name\":\"a\",\"kind\":\"latency\",\"limit\":1,\"minutes\":0}",
                        TOKEN,
                        null),
                400,
                "INVALID_ARGUMENT",
                "at least 1 minute");
        assertError(
                badWrite("models/persons/alerts", "{\"name\":\"a\",\"kind\":\"latency\",\"limit\":1}", TOKEN, null),
                400,
                "INVALID_ARGUMENT",
                "'minutes'");
        assertError(
                write(
                        "models/nobody/alerts",
                        "{\"name\":\"a\",\"kind\":\"latency\",\"limit\":1,\"minutes\":5}",
                        TOKEN,
                        null),
                404,
                "NOT_FOUND",
                "nobody");
        assertError(
                badWrite(
                        "models/persons/alerts",
                        "{\"name\":\"a\",\"kind\":\"latency\",\"limit\":1,\"minutes\":5}",
                        null,
                        null),
                401,
                "UNAUTHENTICATED",
                "token");
        assertError(api.delete("/models/persons/alerts/none", TOKEN, true), 404, "NOT_FOUND", "'none'");
        assertThat(api.get("/models/persons/alerts").json().get("rules")).isEmpty();
    }

    private static void assertError(Http.Answer answer, int status, String code, String messagePart) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.json().at("/error/code").asText()).isEqualTo(code);
        assertThat(answer.json().at("/error/message").asText()).contains(messagePart);
    }
}
