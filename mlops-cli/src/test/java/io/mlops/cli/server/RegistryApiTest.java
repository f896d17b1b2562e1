package io.mlops.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.registry.AliasName;
import io.mlops.registry.http.RegistryApiFilter;
import io.mlops.store.Database;
import io.mlops.store.Migrations;
import io.mlops.store.StoreUrl;
import io.mlops.tracking.http.BearerTokenFilter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry's JSON API on a real server with a token: what each endpoint answers on a seeded
 * store, and how it refuses bad requests without changing anything.
 */
class RegistryApiTest {
    private static final String TOKEN = "registry-token";
    private static final String API = "/api/registry/v1/";

    @TempDir
    Path directory;

    private RegistrySeed seed;
    private TrackingServer server;
    private Http http;

    @BeforeEach
    void start() throws IOException {
        Database database = Database.open(StoreUrl.sqlite(directory.resolve("mlops.db")), Migrations.suite());
        seed = new RegistrySeed(database);
        server = TrackingServer.start(
                database,
                directory.resolve("blobs"),
                new RegistryApiFilter(seed.registry, TOKEN),
                new BearerTokenFilter(TOKEN));
        http = new Http(server.uri());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Http.Answer write(String path, String body, String token, String actor) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.uri() + API + path))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (actor != null) {
            request.header("X-Mlops-Actor", actor);
        }
        return http.send(request);
    }

    @Test
    void shouldListModelsByNameWithTotalsAndVersionCountsWithoutAToken() {
        Http.Answer answer = http.get(API + "models");

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
        JsonNode page = http.get(API + "models?limit=1&offset=1").json();
        JsonNode search = http.get(API + "models?q=PERS").json();

        assertThat(page.get("total").asInt()).isEqualTo(2);
        assertThat(page.get("models")).hasSize(1);
        assertThat(page.at("/models/0/name").asText()).isEqualTo("persons");
        assertThat(search.get("total").asInt()).isEqualTo(1);
        assertThat(search.at("/models/0/name").asText()).isEqualTo("persons");
    }

    @Test
    void shouldAnswerTheModelPageInOneCallNewestFirst() {
        JsonNode page = http.get(API + "models/persons").json();

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
        JsonNode body = http.get(API + "models/persons/versions/1").json();

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
        JsonNode body = http.get(API + "models/persons/compare?versions=2,1").json();

        assertThat(body.get("versions")).hasSize(2);
        assertThat(body.at("/versions/0/version/version").asInt()).isEqualTo(2);
        assertThat(body.at("/versions/0/params/lr").asText()).isEqualTo("0.001");
        assertThat(body.at("/versions/1/params/lr").asText()).isEqualTo("0.01");
        assertThat(body.at("/versions/1/lineage/run/id").asText()).isEqualTo(seed.firstRun);
    }

    @Test
    void shouldDeriveTheStageHistoryFromTheAuditLog() {
        JsonNode history = http.get(API + "models/persons/stages").json().get("history");

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
        JsonNode metrics = http.get(API + "models/persons/metrics").json().get("metrics");

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
        JsonNode audit = http.get(API + "models/persons").json().get("audit");
        assertThat(audit.get(0).get("actor").asText()).isEqualTo("anonymous");
        assertThat(audit.get(0).get("reason").asText()).isEqualTo("superseded");
        assertThat(audit.get(1).get("actor").asText()).isEqualTo("erin");
        assertThat(audit.get(2).get("actor").asText()).isEqualTo("dana");
        assertThat(audit.get(2).get("action").asText()).isEqualTo("ALIAS_SET");
    }

    @Test
    void shouldRefuseWritesWithoutTheTokenAndChangeNothing() {
        Http.Answer none =
                write("models/persons/aliases/production", "{\"version\":2,\"reason\":\"x\"}", null, "mallory");
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
        assertError(http.get(API + "models/nope"), 404, "NOT_FOUND", "nope");
        assertError(http.get(API + "models/persons/versions/9"), 404, "NOT_FOUND", "no version 9");
        assertError(http.get(API + "models/nope/stages"), 404, "NOT_FOUND", "nope");
        assertError(
                write("models/persons/aliases/staging/rollback", "{\"reason\":\"x\"}", TOKEN, null),
                404,
                "NOT_FOUND",
                "staging");
        assertError(http.get(API + "nothing/here"), 404, "NOT_FOUND", "nothing/here");
    }

    @Test
    void shouldRefuseBadInputWithAMessageThatSaysWhat() {
        assertError(http.get(API + "models/persons/versions/one"), 400, "INVALID_ARGUMENT", "'one'");
        assertError(http.get(API + "models/persons/compare?versions=1"), 400, "INVALID_ARGUMENT", "2 to 4");
        assertError(http.get(API + "models/persons/compare?versions=1,2,3,1"), 400, "INVALID_ARGUMENT", "twice");
        assertError(http.get(API + "models/persons/compare?versions=1,2,3,4,5"), 400, "INVALID_ARGUMENT", "not 5");
        assertError(http.get(API + "models/persons/compare"), 400, "INVALID_ARGUMENT", "versions=");
        assertError(http.get(API + "models?limit=0"), 400, "INVALID_ARGUMENT", "limit");
        assertError(
                write("models/persons/aliases/production", "{\"version\":2", TOKEN, null),
                400,
                "INVALID_ARGUMENT",
                "malformed JSON");
        assertError(
                write("models/persons/aliases/production", "{\"version\":2}", TOKEN, null),
                400,
                "INVALID_ARGUMENT",
                "'reason'");
        assertError(
                write("models/persons/aliases/production", "{\"version\":\"two\",\"reason\":\"x\"}", TOKEN, null),
                400,
                "INVALID_ARGUMENT",
                "'version'");
        assertError(
                write("models/persons/aliases/bad%20alias", "{\"version\":2,\"reason\":\"x\"}", TOKEN, null),
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

    private static void assertError(Http.Answer answer, int status, String code, String messagePart) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.json().at("/error/code").asText()).isEqualTo(code);
        assertThat(answer.json().at("/error/message").asText()).contains(messagePart);
    }
}
