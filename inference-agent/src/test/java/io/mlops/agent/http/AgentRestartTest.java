package io.mlops.agent.http;

import static io.mlops.agent.http.RunningAgent.linearBundle;
import static io.mlops.agent.http.RunningAgent.linearRequest;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.agent.serve.ServingStateFile;
import io.mlops.agent.testing.AgentModels;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent is killed with {@code kill -9} at every step of a deployment (upload, loading, ready
 * but not switched, switch, canary under watch, promotion, rollback) and started again on the same
 * repository: the version that served before the step serves after it, unless the step had
 * completed (its answer sent), then the new state does; a deployment cut short is reported FAILED.
 * Each agent is a real child process; no step depends on timing: the test kills once the admin
 * status (or the disk) shows the step under way.
 */
@Timeout(300)
class AgentRestartTest {
    private static final String MODEL = "mlp";

    @TempDir
    Path dir;

    private Path repository;
    private final java.util.List<AgentProcess> started = new java.util.ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void killLeftovers() throws Exception {
        for (AgentProcess agent : started) {
            agent.kill();
        }
    }

    @BeforeEach
    void createRepository() throws Exception {
        repository = Files.createDirectories(dir.resolve("repo"));
    }

    private AgentProcess start() throws Exception {
        AgentProcess agent = AgentProcess.start(repository, dir);
        started.add(agent);
        return agent;
    }

    /** Starts an agent serving v1 (every weight 1, so its answer is 3). */
    private AgentProcess startServingVersion1() throws Exception {
        AgentProcess agent = start();
        agent.upload(MODEL, "1", linearBundle(dir, 1));
        agent.switchTo(MODEL, "{\"version\":\"1\"}");
        return agent;
    }

    @Test
    void shouldTakeBackAVersionKilledWhileUploading() throws Exception {
        AgentProcess agent = startServingVersion1();
        byte[] bundle = streamedBundle(2);
        Path staging = repository.resolve(".staging");
        try (Socket socket = new Socket("127.0.0.1", agent.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /v2/admin/models/" + MODEL + "/versions/2?backend=onnxruntime HTTP/1.1\r\n"
                            + "Host: 127.0.0.1:" + agent.port() + "\r\n"
                            + "Authorization: Bearer " + AgentProcess.ADMIN_TOKEN + "\r\n"
                            + "Content-Type: application/zip\r\n"
                            + "Content-Length: " + bundle.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(bundle, 0, bundle.length / 2);
            out.flush();
            // The agent unpacks while the body streams in: the half-sent upload lies in .staging/.
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (entries(staging) == 0) {
                assertThat(System.nanoTime())
                        .as("the upload never reached .staging")
                        .isLessThan(deadline);
                Thread.onSpinWait();
            }
            agent.kill();
        }
        assertThat(entries(staging)).isPositive();

        try (AgentProcess restarted = start()) {
            assertThat(entries(staging)).as("staging leftovers").isZero();
            assertServes(restarted, "1", 3f);
            assertThat(restarted.status(MODEL).at("/versions").size()).isEqualTo(1);
        }
    }

    @Test
    void shouldTakeBackAVersionKilledWhileLoading() throws Exception {
        AgentProcess agent = startServingVersion1();
        // Its warm-up runs a loop of 10^15 additions: the version stays LOADING until the kill.
        byte[] endless = AgentModels.bundle(Map.of(
                "model.onnx",
                AgentModels.slowCounter(),
                "sample-input.json",
                ("{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"FP32\",\"data\":[0]},"
                                + "{\"name\":\"n\",\"shape\":[1],\"datatype\":\"INT64\",\"data\":[1000000000000000]}]}")
                        .getBytes(StandardCharsets.UTF_8)));
        CompletableFuture<HttpResponse<String>> upload = agent.uploadAsync(MODEL, "2", endless);
        awaitState(agent, "2", "LOADING");
        agent.kill();
        assertThat(upload).failsWithin(java.time.Duration.ofSeconds(30));

        try (AgentProcess restarted = start()) {
            assertServes(restarted, "1", 3f);
            assertTakenBack(restarted, "2", "uploaded, not yet switched to");
        }
    }

    @Test
    void shouldTakeBackAVersionReadyButNotSwitchedAndAcceptItAgain() throws Exception {
        AgentProcess agent = startServingVersion1();
        agent.upload(MODEL, "2", linearBundle(dir, 2));
        assertThat(agent.status(MODEL).at("/versions/1/state").asText()).isEqualTo("READY");
        agent.kill();

        try (AgentProcess restarted = start()) {
            assertServes(restarted, "1", 3f);
            assertTakenBack(restarted, "2", "uploaded, not yet switched to");
            // The deployment can be done again, under the same version number.
            restarted.upload(MODEL, "2", linearBundle(dir, 2));
            restarted.switchTo(MODEL, "{\"version\":\"2\"}");
            assertServes(restarted, "2", 6f);
            assertThat(restarted.status(MODEL).at("/versions/1/error").isNull()).isTrue();
        }
    }

    @Test
    void shouldServeNothingWhenTheFirstDeploymentWasCutShort() throws Exception {
        AgentProcess agent = start();
        agent.upload(MODEL, "1", linearBundle(dir, 1));
        agent.kill();

        try (AgentProcess restarted = start()) {
            assertThat(restarted.infer(MODEL, linearRequest(1)).statusCode()).isEqualTo(404);
            assertThat(restarted.status(MODEL).at("/serving/primary").isNull()).isTrue();
            assertTakenBack(restarted, "1", "uploaded, not yet switched to");
        }
    }

    @Test
    void shouldServeTheNewVersionAfterACompletedSwitchAndRollBackFromThere() throws Exception {
        AgentProcess agent = startServingVersion1();
        agent.upload(MODEL, "2", linearBundle(dir, 2));
        agent.switchTo(MODEL, "{\"version\":\"2\"}");
        agent.kill();

        try (AgentProcess restarted = start()) {
            assertServes(restarted, "2", 6f);
            assertThat(restarted.status(MODEL).at("/versions/0/state").asText()).isEqualTo("READY");
            // The rollback target survived too.
            assertThat(restarted
                            .admin("POST", "/v2/admin/models/" + MODEL + "/rollback", "{}")
                            .statusCode())
                    .isEqualTo(200);
            assertServes(restarted, "1", 3f);
        }
    }

    @Test
    void shouldRollBackAFullSwitchWhoseWatchHadNotEnded() throws Exception {
        AgentProcess agent = startServingVersion1();
        agent.upload(MODEL, "2", linearBundle(dir, 2));
        agent.switchTo(MODEL, "{\"version\":\"2\",\"watchSeconds\":3600,\"maxErrorRate\":0.1}");
        assertServes(agent, "2", 6f);
        agent.kill();

        try (AgentProcess restarted = start()) {
            assertServes(restarted, "1", 3f);
            assertTakenBack(restarted, "2", "its watch had not ended");
            JsonNode rollback = restarted.status(MODEL).at("/lastRollback");
            assertThat(rollback.at("/from").asText()).isEqualTo("2");
            assertThat(rollback.at("/to").asText()).isEqualTo("1");
        }
    }

    @Test
    void shouldRollBackACanaryUnderWatch() throws Exception {
        AgentProcess agent = startServingVersion1();
        agent.upload(MODEL, "2", linearBundle(dir, 2));
        agent.switchTo(MODEL, "{\"version\":\"2\",\"canaryPercent\":10,\"watchSeconds\":3600,\"maxErrorRate\":0.1}");
        assertThat(agent.status(MODEL).at("/serving/canary").asText()).isEqualTo("2");
        agent.kill();

        try (AgentProcess restarted = start()) {
            assertServes(restarted, "1", 3f);
            JsonNode status = restarted.status(MODEL);
            assertThat(status.at("/serving/canary").isNull()).isTrue();
            assertThat(status.at("/serving/canaryPercent").asInt()).isZero();
            assertThat(status.at("/lastRollback/from").asText()).isEqualTo("2");
            assertTakenBack(restarted, "2", "its watch had not ended");
        }
    }

    @Test
    void shouldKeepAnUnwatchedCanaryAndItsShare() throws Exception {
        AgentProcess agent = startServingVersion1();
        agent.upload(MODEL, "2", linearBundle(dir, 2));
        agent.switchTo(MODEL, "{\"version\":\"2\",\"canaryPercent\":10}");
        agent.kill();

        try (AgentProcess restarted = start()) {
            JsonNode status = restarted.status(MODEL);
            assertThat(status.at("/serving/primary").asText()).isEqualTo("1");
            assertThat(status.at("/serving/canary").asText()).isEqualTo("2");
            assertThat(status.at("/serving/canaryPercent").asInt()).isEqualTo(10);
            // Then a manual rollback of the canary, killed after its answer: the canary stays dropped.
            assertThat(restarted
                            .admin("POST", "/v2/admin/models/" + MODEL + "/rollback", "{\"reason\":\"slow\"}")
                            .statusCode())
                    .isEqualTo(200);
            restarted.kill();
        }
        try (AgentProcess again = start()) {
            assertServes(again, "1", 3f);
            assertThat(again.status(MODEL).at("/lastRollback/reason").asText()).isEqualTo("slow");
            assertThat(again.status(MODEL).at("/versions/1/state").asText()).isEqualTo("READY");
        }
    }

    @Test
    void shouldServeACanaryPromotedByItsWatch() throws Exception {
        AgentProcess agent = startServingVersion1();
        agent.upload(MODEL, "2", linearBundle(dir, 2));
        agent.switchTo(MODEL, "{\"version\":\"2\",\"canaryPercent\":10,\"watchSeconds\":1,\"maxErrorRate\":0.1}");
        while (!"2".equals(agent.status(MODEL).at("/serving/primary").asText())) {
            Thread.onSpinWait();
        }
        agent.kill();

        try (AgentProcess restarted = start()) {
            assertServes(restarted, "2", 6f);
            JsonNode status = restarted.status(MODEL);
            assertThat(status.at("/serving/canary").isNull()).isTrue();
            assertThat(status.at("/lastRollback").isNull()).isTrue();
            assertThat(status.at("/versions/1/state").asText()).isEqualTo("READY");
        }
    }

    @Test
    void shouldKeepAManualRollbackAcrossAKillAndACleanRestart() throws Exception {
        AgentProcess agent = startServingVersion1();
        agent.upload(MODEL, "2", linearBundle(dir, 2));
        agent.switchTo(MODEL, "{\"version\":\"2\"}");
        agent.upload(MODEL, "3", linearBundle(dir, 3));
        agent.switchTo(MODEL, "{\"version\":\"3\"}");
        assertThat(agent.admin("POST", "/v2/admin/models/" + MODEL + "/rollback", "{\"reason\":\"bad answers\"}")
                        .statusCode())
                .isEqualTo(200);
        agent.kill();

        try (AgentProcess restarted = start()) {
            assertServes(restarted, "2", 6f);
            JsonNode rollback = restarted.status(MODEL).at("/lastRollback");
            assertThat(rollback.at("/from").asText()).isEqualTo("3");
            assertThat(rollback.at("/to").asText()).isEqualTo("2");
            assertThat(rollback.at("/reason").asText()).isEqualTo("bad answers");
        } // a clean stop
        try (AgentProcess again = start()) {
            assertServes(again, "2", 6f);
            assertThat(again.status(MODEL).at("/versions/2/state").asText()).isEqualTo("READY");
        }
    }

    @Test
    void shouldRefuseToStartOnADamagedStateFile() throws Exception {
        AgentProcess agent = startServingVersion1();
        agent.close();
        Path file = repository.resolve(MODEL).resolve(ServingStateFile.FILE_NAME);
        Files.writeString(file, "{\"primary\":\"1\",");

        String output = AgentProcess.startRefused(repository, dir);

        assertThat(output).contains("the serving state " + file.toRealPath() + " is damaged");
        assertThat(output).contains("will not guess");
    }

    private static void assertServes(AgentProcess agent, String version, float first) throws Exception {
        JsonNode status = agent.status(MODEL);
        assertThat(status.at("/serving/primary").asText()).as(status.toString()).isEqualTo(version);
        assertThat(status.at("/serving/canary").isNull()).as(status.toString()).isTrue();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> answer = agent.infer(MODEL, linearRequest(1));
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            JsonNode body = RunningAgent.JSON.readTree(answer.body());
            assertThat(body.get("model_version").asText()).isEqualTo(version);
            assertThat(body.at("/outputs/0/data/0").floatValue()).isEqualTo(first);
        }
    }

    private static void assertTakenBack(AgentProcess agent, String version, String why) throws Exception {
        JsonNode status = agent.status(MODEL);
        Map<String, JsonNode> versions = new HashMap<>();
        status.get("versions").forEach(v -> versions.put(v.get("version").asText(), v));
        assertThat(versions).containsKey(version);
        assertThat(versions.get(version).get("state").asText()).isEqualTo("FAILED");
        assertThat(versions.get(version).get("error").asText())
                .contains("the agent restarted during the deployment of version " + version)
                .contains(why);
        assertThat(status.at("/serving/primary").asText()).isNotEqualTo(version);
        assertThat(status.at("/serving/canary").asText()).isNotEqualTo(version);
    }

    private static void awaitState(AgentProcess agent, String version, String state) throws Exception {
        while (true) {
            for (JsonNode v : agent.status(MODEL).get("versions")) {
                if (v.get("version").asText().equals(version)
                        && v.get("state").asText().equals(state)) {
                    return;
                }
            }
            Thread.onSpinWait();
        }
    }

    /**
     * A bundle over the 64 KiB the agent reads whole before handling (its slow-client guard), so that
     * the handler unpacks it while it streams in: v2 of the linear model, padded with seeded labels.
     */
    private byte[] streamedBundle(float weight) {
        float[] weights = new float[6];
        Arrays.fill(weights, weight);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(
                "model.onnx",
                AgentModels.linear(dir.resolve("streamed-" + weight + ".onnx"), weights, 3, new float[2]));
        files.put(
                "sample-input.json",
                "{\"inputs\":[{\"name\":\"x\",\"shape\":[1,3],\"datatype\":\"FP32\",\"data\":[1,1,1]}]}"
                        .getBytes(StandardCharsets.UTF_8));
        Random random = new Random(7);
        StringBuilder labels = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            labels.append(Long.toHexString(random.nextLong())).append('\n');
        }
        files.put("labels.txt", labels.toString().getBytes(StandardCharsets.UTF_8));
        byte[] bundle = AgentModels.bundle(files);
        assertThat(bundle.length).isGreaterThan(2 * 64 * 1024);
        return bundle;
    }

    private static long entries(Path staging) throws Exception {
        try (Stream<Path> list = Files.list(staging)) {
            return list.count();
        }
    }
}
