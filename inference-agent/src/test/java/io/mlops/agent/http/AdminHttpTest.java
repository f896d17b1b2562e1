package io.mlops.agent.http;

import static io.mlops.agent.http.RunningAgent.json;
import static io.mlops.agent.http.RunningAgent.linearBundle;
import static io.mlops.agent.http.RunningAgent.linearRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.agent.testing.AgentModels;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin API over real HTTP: deployments, and the refusals that must change nothing. */
class AdminHttpTest {
    @TempDir
    Path dir;

    private RunningAgent agent;

    @BeforeEach
    void start() throws Exception {
        agent = new RunningAgent(dir.resolve("repo"), 1_000_000, null);
        agent.serveLinear(dir, "mlp", "1", 1);
    }

    @AfterEach
    void stop() throws Exception {
        agent.close();
    }

    private String status() {
        return agent.admin("GET", "/v2/admin/models/mlp", HttpRequest.BodyPublishers.noBody())
                .body();
    }

    @Test
    void shouldDeploySwitchAndReportEachModelsStatus() {
        HttpResponse<String> uploaded = agent.upload("mlp", "2", linearBundle(dir, 2));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
        JsonNode loaded = json(uploaded);
        assertThat(loaded.at("/serving/primary").asText()).isEqualTo("1");
        assertThat(loaded.at("/versions/1/state").asText()).isEqualTo("READY");
        assertThat(loaded.at("/versions/1/backend").asText()).isEqualTo("onnxruntime");

        JsonNode switched = json(agent.admin(
                "POST",
                "/v2/admin/models/mlp/switch",
                HttpRequest.BodyPublishers.ofString("{\"version\":\"2\",\"canaryPercent\":100}")));
        assertThat(switched.at("/serving/primary").asText()).isEqualTo("2");
        assertThat(json(agent.postJson("/v2/models/mlp/infer", linearRequest(1)))
                        .get("model_version")
                        .asText())
                .isEqualTo("2");

        JsonNode rolledBack = json(agent.admin(
                "POST",
                "/v2/admin/models/mlp/rollback",
                HttpRequest.BodyPublishers.ofString("{\"reason\":\"latency regression\"}")));
        assertThat(rolledBack.at("/serving/primary").asText()).isEqualTo("1");
        assertThat(rolledBack.at("/lastRollback/reason").asText()).isEqualTo("latency regression");
        assertThat(rolledBack.at("/lastRollback/from").asText()).isEqualTo("2");

        JsonNode all = json(agent.admin("GET", "/v2/admin/models", HttpRequest.BodyPublishers.noBody()));
        assertThat(all.at("/models/0/name").asText()).isEqualTo("mlp");
        assertThat(all.at("/models/0/drift").isObject()).isTrue();

        assertThat(agent.admin("DELETE", "/v2/admin/models/mlp/versions/2", HttpRequest.BodyPublishers.noBody())
                        .statusCode())
                .isEqualTo(200);
        assertThat(agent.repository.resolve("mlp/2")).doesNotExist();
    }

    @Test
    void shouldAnswer401AndChangeNothingWithoutTheAdminToken() {
        String before = status();
        for (String authorization : new String[] {null, "Bearer wrong-token", "Basic YWRtaW46YWRtaW4=", "Bearer "}) {
            List<HttpRequest.Builder> attempts = List.of(
                    HttpRequest.newBuilder(agent.uri("/v2/admin/models/mlp/versions/2"))
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(linearBundle(dir, 2))),
                    HttpRequest.newBuilder(agent.uri("/v2/admin/models/mlp/switch"))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"version\":\"1\"}")),
                    HttpRequest.newBuilder(agent.uri("/v2/admin/models/mlp/rollback"))
                            .POST(HttpRequest.BodyPublishers.ofString("{}")),
                    HttpRequest.newBuilder(agent.uri("/v2/admin/models/mlp/versions/1"))
                            .DELETE(),
                    HttpRequest.newBuilder(agent.uri("/v2/admin/models/mlp")).DELETE(),
                    HttpRequest.newBuilder(agent.uri("/v2/admin/models")).GET());
            for (HttpRequest.Builder attempt : attempts) {
                if (authorization != null) {
                    attempt.header("Authorization", authorization);
                }
                HttpResponse<String> response = agent.send(attempt);
                assertThat(response.statusCode()).as(attempt.build().toString()).isEqualTo(401);
                assertThat(json(response).get("error").asText())
                        .contains("admin API")
                        .doesNotContain(RunningAgent.ADMIN_TOKEN);
            }
        }
        assertThat(status()).isEqualTo(before);
        assertThat(agent.repository.resolve("mlp/2")).doesNotExist();
        assertThat(agent.repository.resolve("mlp/1/model.onnx")).exists();
        assertThat(json(agent.postJson("/v2/models/mlp/infer", linearRequest(1)))
                        .get("model_version")
                        .asText())
                .isEqualTo("1");
    }

    @Test
    void shouldFailACorruptOnnxUploadAndKeepTheOldVersionServing() {
        byte[] corrupt = AgentModels.bundle(Map.of("model.onnx", "not onnx".getBytes(StandardCharsets.UTF_8)));

        HttpResponse<String> response = agent.upload("mlp", "2", corrupt);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText())
                .startsWith("model 'mlp' version 2 failed to load: ")
                .endsWith("the version was removed and version 1 keeps serving");
        assertThat(agent.repository.resolve("mlp/2")).doesNotExist();
        assertThat(json(agent.postJson("/v2/models/mlp/infer", linearRequest(1)))
                        .get("model_version")
                        .asText())
                .isEqualTo("1");
        assertThat(json(agent.admin("GET", "/v2/admin/models/mlp", HttpRequest.BodyPublishers.noBody()))
                        .get("versions")
                        .size())
                .isEqualTo(1);
    }

    @Test
    void shouldRefuseABundleThatIsNotAZip() {
        HttpResponse<String> response = agent.upload("mlp", "2", "hello".getBytes(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).contains("must hold model.onnx");
    }

    @Test
    void shouldRefuseModelPathsThatEscapeTheRepository() throws Exception {
        Path outside = Files.createDirectories(dir.resolve("outside"));
        Files.createSymbolicLink(agent.repository.resolve("linked"), outside);
        for (String path : new String[] {
            "/v2/admin/models/..%2F..%2Foutside/versions/1",
            "/v2/admin/models/%2E%2E/versions/1",
            "/v2/admin/models/mlp/versions/%2E%2E",
            "/v2/admin/models/.hidden/versions/1",
            "/v2/admin/models/linked/versions/1"
        }) {
            HttpResponse<String> response = agent.send(HttpRequest.newBuilder(agent.uri(path))
                    .header("Authorization", "Bearer " + RunningAgent.ADMIN_TOKEN)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(linearBundle(dir, 3))));
            assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(400);
            assertThat(json(response).has("error")).as(path).isTrue();
        }
        try (var listing = Files.list(outside)) {
            assertThat(listing).isEmpty();
        }
        assertThat(dir.resolve("1")).doesNotExist();
    }

    @Test
    void shouldAnswer409ForUnloadingTheVersionThatServes() {
        HttpResponse<String> response =
                agent.admin("DELETE", "/v2/admin/models/mlp/versions/1", HttpRequest.BodyPublishers.noBody());
        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(json(response).get("error").asText()).contains("serves traffic (primary)");
    }

    @Test
    void shouldAnswer400ForASwitchWithABadShare() {
        HttpResponse<String> response = agent.admin(
                "POST",
                "/v2/admin/models/mlp/switch",
                HttpRequest.BodyPublishers.ofString("{\"version\":\"1\",\"canaryPercent\":0}"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("error").asText()).isEqualTo("canaryPercent must be 1 to 100, not 0");
    }

    @Test
    void shouldRequireTheInferenceTokenWhenOneIsSetButLeaveHealthOpen() throws Exception {
        try (RunningAgent guarded = new RunningAgent(dir.resolve("guarded"), 1_000_000, "infer-secret")) {
            guarded.serveLinear(dir, "mlp", "1", 1);
            assertThat(guarded.get("/v2/health/ready").statusCode()).isEqualTo(200);
            HttpResponse<String> refused = guarded.postJson("/v2/models/mlp/infer", linearRequest(1));
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(json(refused).get("error").asText()).contains("inference endpoints");
            HttpResponse<String> allowed = guarded.send(HttpRequest.newBuilder(guarded.uri("/v2/models/mlp/infer"))
                    .header("Authorization", "Bearer infer-secret")
                    .POST(HttpRequest.BodyPublishers.ofString(linearRequest(1))));
            assertThat(allowed.statusCode()).isEqualTo(200);
        }
    }
}
