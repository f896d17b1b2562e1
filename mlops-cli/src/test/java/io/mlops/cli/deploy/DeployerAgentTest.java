package io.mlops.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.cli.Main;
import io.mlops.deploy.BundleSources;
import io.mlops.deploy.DeployRequest;
import io.mlops.deploy.Deployer;
import io.mlops.deploy.DeploymentFailed;
import io.mlops.deploy.DeploymentOutcome;
import io.mlops.error.UserError;
import io.mlops.progress.ProgressListener;
import io.mlops.registry.AuditEntry;
import io.mlops.registry.Change;
import io.mlops.registry.Deployment;
import io.mlops.registry.DeploymentStatus;
import io.mlops.registry.FileSource;
import io.mlops.registry.JdbcModelRegistry;
import io.mlops.registry.ModelRegistry;
import io.mlops.registry.NewVersion;
import io.mlops.registry.VersionFiles;
import io.mlops.store.Database;
import io.mlops.store.Migrations;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mlops deploy} and its Deployer against the real inference agent on a loopback port. */
class DeployerAgentTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "admin-token-for-tests";

    @TempDir
    Path directory;

    private Database database;
    private ModelRegistry registry;
    private AgentProcess agent;
    private final HttpClient http = HttpClient.newHttpClient();
    private final StringWriter cliOut = new StringWriter();
    private final StringWriter cliErr = new StringWriter();

    @BeforeEach
    void startAgentAndRegistry() throws Exception {
        Path home = Files.createDirectories(directory.resolve("home"));
        database = Database.sqlite(home.resolve("mlops.db"), Migrations.suite());
        registry = new JdbcModelRegistry(database);
        registry.createModel("lookup", "", Map.of(), Change.by("alice"));
        Path token = Files.writeString(directory.resolve("admin-token"), TOKEN + "\n");
        agent = AgentProcess.start(
                Files.createDirectories(directory.resolve("repository")), token, directory.resolve("agent.log"));
    }

    @AfterEach
    void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        database.close();
    }

    @Test
    void shouldDeployRecordItLiveAndServeIt() throws Exception {
        register(ServingModels.lookup(directory.resolve("v1.onnx"), 10));

        DeploymentOutcome outcome = deploy("lookup:1", 100, 0);

        assertThat(outcome)
                .isEqualTo(new DeploymentOutcome(
                        "lookup", 1, "onnxruntime", "127.0.0.1", agent.url() + "/v2/models/lookup", false, null));
        assertThat(registry.deployments("lookup"))
                .singleElement()
                .extracting(Deployment::version, Deployment::status, Deployment::endpoint)
                .containsExactly(1, DeploymentStatus.RUNNING, agent.url() + "/v2/models/lookup");
        JsonNode answer = JSON.readTree(infer(3).body());
        assertThat(answer.at("/outputs/0/data/0").asDouble()).isEqualTo(1.5);
    }

    @Test
    void shouldKeepTheOldVersionServingWhenTheAgentCannotLoadTheNewOne() throws Exception {
        register(ServingModels.lookup(directory.resolve("v1.onnx"), 10));
        deploy("lookup:1", 100, 0);
        register(ServingModels.unknownOperator(directory.resolve("v2.onnx")));

        assertThatThrownBy(() -> deploy("lookup:2", 100, 0))
                .isInstanceOf(DeploymentFailed.class)
                .hasMessageContaining("deploying lookup v2 to 127.0.0.1 failed")
                .hasMessageContaining("HTTP 400")
                .hasMessageContaining("v1 keeps serving");

        assertThat(infer(3).statusCode()).isEqualTo(200);
        assertThat(deploymentChanges())
                .containsSubsequence(
                        "v2 on onnxruntime@127.0.0.1 (PENDING)",
                        "v2 on onnxruntime@127.0.0.1 (FAILED)",
                        "v1 on onnxruntime@127.0.0.1 (RUNNING)");
        assertThat(registry.deployments("lookup"))
                .singleElement()
                .extracting(Deployment::version, Deployment::status)
                .containsExactly(1, DeploymentStatus.RUNNING);
    }

    @Test
    void shouldNotSwitchToAVersionThatFailsTheSmokeTest() throws Exception {
        register(ServingModels.lookup(directory.resolve("v1.onnx"), 10));
        deploy("lookup:1", 100, 0);
        // v2 loads and answers, but its answer to the generated sample input (id 0) is NaN.
        register(ServingModels.lookupWithNaN(directory.resolve("v2.onnx"), 10));

        assertThatThrownBy(() -> deploy("lookup:2", 100, 0))
                .isInstanceOf(DeploymentFailed.class)
                .hasMessageContaining("the smoke test of v2 failed: output 'y' has 1 non-finite value of 1")
                .hasMessageContaining("v1 keeps serving");

        assertThat(JSON.readTree(infer(0).body()).at("/outputs/0/data/0").asDouble())
                .isZero();
        assertThat(registry.audit("lookup").stream()
                        .filter(e -> "v2 on onnxruntime@127.0.0.1 (FAILED)".equals(e.to()))
                        .map(AuditEntry::reason))
                .singleElement()
                .asString()
                .contains("the smoke test of v2 failed");
        assertThat(registry.deployments("lookup"))
                .singleElement()
                .extracting(Deployment::version, Deployment::status)
                .containsExactly(1, DeploymentStatus.RUNNING);
    }

    @Test
    void shouldReportASampleInputTheNewVersionCannotRunAsARefusedUpload() throws Exception {
        register(ServingModels.lookup(directory.resolve("v1.onnx"), 10));
        deploy("lookup:1", 100, 0);
        register(ServingModels.lookup(directory.resolve("v2.onnx"), 3));
        // The sample asks for id 5, out of v2's table: the agent's warm-up with it fails.
        Path sample = Files.writeString(
                directory.resolve("sample.json"),
                "{\"inputs\":[{\"name\":\"ids\",\"shape\":[1,1],\"datatype\":\"INT64\",\"data\":[5]}]}");
        Deployer deployer = new Deployer(
                registry, VersionFiles.registeredFiles(), new BundleSources(null, sample, null), "alice", 0.05);

        assertThatThrownBy(() -> deployer.deploy(request("lookup:2", 100, 0), ProgressListener.NONE))
                .isInstanceOf(DeploymentFailed.class)
                .hasMessageContaining("could not load lookup v2 (HTTP 400)")
                .hasMessageContaining("out of data bounds")
                .hasMessageContaining("v1 keeps serving");
        assertThat(JSON.readTree(infer(5).body()).at("/outputs/0/data/0").asDouble())
                .isEqualTo(2.5);
    }

    @Test
    void shouldRecordTheAgentsRollbackOfACanaryThatFailsTraffic() throws Exception {
        register(ServingModels.lookup(directory.resolve("v1.onnx"), 10));
        deploy("lookup:1", 100, 0);
        register(ServingModels.lookup(directory.resolve("v2.onnx"), 3));

        CompletableFuture<DeploymentOutcome> deployment =
                CompletableFuture.supplyAsync(() -> deploy("lookup:2", 50, 30));
        awaitCanary();
        for (int i = 0; i < 200 && !deployment.isDone(); i++) {
            infer(7); // v1 answers, v2 fails: about half of these count against v2
        }
        DeploymentOutcome outcome = deployment.get();

        assertThat(outcome.rolledBack()).isTrue();
        assertThat(outcome.version()).isEqualTo(2);
        assertThat(outcome.reason()).contains("failed").contains("during the watch");
        assertThat(registry.deployments("lookup"))
                .singleElement()
                .extracting(Deployment::version, Deployment::status)
                .containsExactly(1, DeploymentStatus.RUNNING);
        assertThat(deploymentChanges()).contains("v2 on onnxruntime@127.0.0.1 (ROLLED_BACK)");
        assertThat(infer(7).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRecordADeploymentCutShortByAnAgentKilledDuringTheWatchAsFailed() throws Exception {
        register(ServingModels.lookup(directory.resolve("v1.onnx"), 10));
        deploy("lookup:1", 100, 0);
        register(ServingModels.lookup(directory.resolve("v2.onnx"), 20));

        CompletableFuture<DeploymentOutcome> deployment =
                CompletableFuture.supplyAsync(() -> deploy("lookup:2", 10, 3600));
        awaitCanary();
        agent.kill();

        assertThat(deployment)
                .failsWithin(java.time.Duration.ofSeconds(60))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause()
                .isInstanceOf(DeploymentFailed.class)
                .withMessageContaining("the deployment was cut short")
                .withMessageContaining("v1 keeps serving");
        assertThat(deploymentChanges())
                .containsSubsequence(
                        "v2 on onnxruntime@127.0.0.1 (PENDING)",
                        "v2 on onnxruntime@127.0.0.1 (FAILED)",
                        "v1 on onnxruntime@127.0.0.1 (RUNNING)");
        assertThat(registry.deployments("lookup"))
                .singleElement()
                .extracting(Deployment::version, Deployment::status)
                .containsExactly(1, DeploymentStatus.RUNNING);

        // The restarted agent agrees: v1 serves, v2 is FAILED with the reason.
        agent = AgentProcess.start(
                directory.resolve("repository"), directory.resolve("admin-token"), directory.resolve("agent-2.log"));
        // Live at once; ready once the repository is restored.
        while (http.send(
                                HttpRequest.newBuilder(URI.create(agent.url() + "/v2/health/ready"))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode()
                != 200) {
            Thread.sleep(50);
        }
        JsonNode status = JSON.readTree(http.send(
                        HttpRequest.newBuilder(URI.create(agent.url() + "/v2/admin/models/lookup"))
                                .header("Authorization", "Bearer " + TOKEN)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
        assertThat(status.at("/serving/primary").asText())
                .as(status + "\n" + agent.output())
                .isEqualTo("1");
        assertThat(status.at("/serving/canary").isNull()).isTrue();
        assertThat(status.at("/versions/1/state").asText()).isEqualTo("FAILED");
        assertThat(status.at("/versions/1/error").asText()).contains("the agent restarted during the deployment");
    }

    @Test
    void shouldPromoteACanaryThatPassesTheWatch() throws Exception {
        register(ServingModels.lookup(directory.resolve("v1.onnx"), 10));
        deploy("lookup:1", 100, 0);
        register(ServingModels.lookup(directory.resolve("v2.onnx"), 20));

        DeploymentOutcome outcome = deploy("lookup:2", 25, 2);

        assertThat(outcome.rolledBack()).isFalse();
        assertThat(registry.deployments("lookup"))
                .singleElement()
                .extracting(Deployment::version, Deployment::status)
                .containsExactly(2, DeploymentStatus.RUNNING);
        for (int i = 0; i < 10; i++) {
            assertThat(infer(15).statusCode()).isEqualTo(200); // only v2's table has id 15
        }
    }

    @Test
    void shouldRecordTheVersionThatAlreadyServesWithoutUploadingItAgain() throws Exception {
        register(ServingModels.lookup(directory.resolve("v1.onnx"), 10));
        deploy("lookup:1", 100, 0);

        DeploymentOutcome again = deploy("lookup:1", 100, 0);

        assertThat(again.rolledBack()).isFalse();
        assertThat(registry.audit("lookup").getLast().reason())
                .isEqualTo("already serving all traffic; nothing uploaded");
        assertThat(infer(3).statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRefuseAWrongTokenWithoutRecordingAnything() throws Exception {
        register(ServingModels.lookup(directory.resolve("v1.onnx"), 10));
        Deployer deployer = new Deployer(registry, VersionFiles.registeredFiles(), BundleSources.none(), "alice", 0.05);

        assertThatThrownBy(() -> deployer.deploy(
                        new DeployRequest(agent.url(), "wrong-token", "lookup:1", "onnxruntime", null, 100, 0),
                        ProgressListener.NONE))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("refused the admin token (HTTP 401)")
                .hasMessageNotContaining("wrong-token");
        assertThat(registry.deployments("lookup")).isEmpty();
    }

    @Test
    void shouldDeployFromTheCommandLineWithJsonOutput() throws Exception {
        register(ServingModels.lookup(directory.resolve("v1.onnx"), 10));
        registry.setAlias("lookup", new io.mlops.registry.AliasName("production"), 1, Change.by("alice"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int status = Main.run(
                new String[] {
                    "--home",
                    directory.resolve("home").toString(),
                    "--json",
                    "deploy",
                    "--agent",
                    agent.url(),
                    "--token-file",
                    directory.resolve("admin-token").toString(),
                    "--model",
                    "lookup@production",
                    "--backend",
                    "onnxruntime"
                },
                new PrintWriter(out),
                new PrintWriter(err),
                Map.of("USER", "bob"));

        assertThat(status).as(err.toString()).isZero();
        JsonNode result = JSON.readTree(out.toString());
        assertThat(result.get("version").asInt()).isEqualTo(1);
        assertThat(result.get("rolledBack").asBoolean()).isFalse();
        assertThat(result.get("endpoint").asText()).isEqualTo(agent.url() + "/v2/models/lookup");
        assertThat(registry.audit("lookup").getLast().actor()).isEqualTo("bob");
        assertThat(out.toString() + err).doesNotContain(TOKEN);
    }

    @Test
    void shouldSmokeTestWithTheInferenceTokenWhenTheAgentRequiresOne() throws Exception {
        agent.close();
        Path inferenceToken = Files.writeString(directory.resolve("inference-token"), "inference-secret");
        agent = AgentProcess.start(
                directory.resolve("repository"),
                directory.resolve("admin-token"),
                directory.resolve("agent-2.log"),
                "--inference-token-file",
                inferenceToken.toString());
        register(ServingModels.lookup(directory.resolve("v1.onnx"), 10));

        assertThat(mlopsDeploy("lookup:1")).isEqualTo(1);
        assertThat(cliErr.toString())
                .contains("refused the inference token (HTTP 401)")
                .contains("--inference-token-file")
                .doesNotContain(TOKEN);

        assertThat(mlopsDeploy("lookup:1", "--inference-token-file", inferenceToken.toString()))
                .as(cliErr.toString())
                .isZero();
        assertThat(registry.deployments("lookup"))
                .singleElement()
                .extracting(Deployment::version, Deployment::status)
                .containsExactly(1, DeploymentStatus.RUNNING);
        assertThat(cliOut.toString() + cliErr).doesNotContain("inference-secret");
    }

    /**
     * {@code --backend auto} against the real agent, here with OpenVINO loaded. What it must choose
     * follows issue 16's rule from what this agent reports: an agent without the {@code mlops}
     * report (before the hardware report is merged) gets onnxruntime with that reason; with the
     * report, openvino on an Intel CPU and onnxruntime on any other (this build machine is an AMD
     * EPYC, so onnxruntime either way there). The registry records the concrete backend, never auto.
     */
    @Test
    void shouldDeployWithTheBackendAutoChoosesFromTheRealAgentsReport() throws Exception {
        agent.close();
        agent = AgentProcess.start(
                directory.resolve("repository"),
                directory.resolve("admin-token"),
                directory.resolve("agent-openvino.log"),
                "--openvino-lib-dir",
                openVinoLibDir().toString());
        register(ServingModels.lookup(directory.resolve("v1.onnx"), 10));
        JsonNode report = JSON.readTree(http.send(
                        HttpRequest.newBuilder(URI.create(agent.url() + "/v2")).build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
        boolean reports = report.path("mlops").isObject();
        boolean intelCpu = Files.readString(Path.of("/proc/cpuinfo")).contains("GenuineIntel");
        String expected = reports && intelCpu ? "openvino" : "onnxruntime";
        if (reports) {
            assertThat(report.at("/mlops/backends"))
                    .as("the agent was started with OpenVINO's libraries")
                    .extracting(JsonNode::asText)
                    .contains("onnxruntime", "openvino");
        }

        int status = mlopsDeploy("lookup:1", "--backend", "auto");

        assertThat(status).as(cliErr + agent.output()).isZero();
        assertThat(cliErr.toString()).contains("backend auto: " + expected + " (");
        if (!reports) {
            assertThat(cliErr.toString()).contains("the agent does not report its hardware");
        } else if (!intelCpu) {
            assertThat(cliErr.toString()).contains("no NVIDIA GPU and no Intel hardware on the node");
        }
        assertThat(cliOut.toString()).contains("lookup v1 on " + expected + "@127.0.0.1 is live");
        assertThat(registry.deployments("lookup"))
                .singleElement()
                .extracting(Deployment::backend, Deployment::status)
                .containsExactly(expected, DeploymentStatus.RUNNING);
        assertThat(deploymentChanges()).noneMatch(change -> change.contains("auto"));
        JsonNode admin = JSON.readTree(http.send(
                        HttpRequest.newBuilder(URI.create(agent.url() + "/v2/admin/models/lookup"))
                                .header("Authorization", "Bearer " + TOKEN)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body());
        assertThat(admin.toString()).contains("\"backend\":\"" + expected + "\"");
    }

    /** A host that hands {@code auto} to the deployer as it is gets the same choice, recorded concretely. */
    @Test
    void shouldResolveAutoInsideTheDeployerToo() throws Exception {
        register(ServingModels.lookup(directory.resolve("v1.onnx"), 10));
        Deployer deployer = new Deployer(registry, VersionFiles.registeredFiles(), BundleSources.none(), "alice", 0.05);
        DeployRequest auto = new DeployRequest(agent.url(), TOKEN, "lookup:1", "auto", null, 100, 0);
        String chosen = deployer.chooseBackend(auto).backend();

        DeploymentOutcome outcome = deployer.deploy(auto, ProgressListener.NONE);

        assertThat(outcome.backend()).isEqualTo(chosen).isNotEqualTo("auto");
        assertThat(registry.deployments("lookup"))
                .singleElement()
                .extracting(Deployment::backend)
                .isEqualTo(chosen);
    }

    private static Path openVinoLibDir() throws Exception {
        try (java.util.stream.Stream<Path> pythons =
                Files.list(io.mlops.testing.Peers.venv().resolve("lib"))) {
            java.util.Optional<Path> found = pythons.map(p -> p.resolve("site-packages/openvino/libs"))
                    .filter(Files::isDirectory)
                    .findFirst();
            String reason = "the test venv has no openvino package (python/requirements-test.txt pins it)";
            if (found.isEmpty() && "true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(reason);
            }
            org.junit.jupiter.api.Assumptions.assumeTrue(found.isPresent(), reason);
            return found.get();
        }
    }

    private int mlopsDeploy(String model, String... more) {
        cliOut.getBuffer().setLength(0);
        cliErr.getBuffer().setLength(0);
        List<String> arguments = new java.util.ArrayList<>(List.of(
                "--home",
                directory.resolve("home").toString(),
                "deploy",
                "--agent",
                agent.url(),
                "--token-file",
                directory.resolve("admin-token").toString(),
                "--model",
                model));
        arguments.addAll(List.of(more));
        if (!arguments.contains("--backend")) {
            arguments.addAll(List.of("--backend", "onnxruntime"));
        }
        return Main.run(
                arguments.toArray(String[]::new),
                new PrintWriter(cliOut),
                new PrintWriter(cliErr),
                Map.of("USER", "bob"));
    }

    private void register(Path model) {
        registry.registerVersion(NewVersion.of("lookup", FileSource.of(model)), Change.by("alice"));
    }

    private DeploymentOutcome deploy(String model, int canary, int watch) {
        Deployer deployer = new Deployer(registry, VersionFiles.registeredFiles(), BundleSources.none(), "alice", 0.05);
        return deployer.deploy(request(model, canary, watch), ProgressListener.NONE);
    }

    private DeployRequest request(String model, int canary, int watch) {
        return new DeployRequest(agent.url(), TOKEN, model, "onnxruntime", null, canary, watch);
    }

    private List<String> deploymentChanges() {
        return registry.audit("lookup").stream()
                .filter(e -> e.action() == io.mlops.registry.AuditAction.DEPLOYMENT_CHANGED)
                .map(AuditEntry::to)
                .toList();
    }

    private void awaitCanary() throws Exception {
        for (int i = 0; i < 600; i++) {
            HttpResponse<String> status = http.send(
                    HttpRequest.newBuilder(URI.create(agent.url() + "/v2/admin/models/lookup"))
                            .header("Authorization", "Bearer " + TOKEN)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if ("2".equals(JSON.readTree(status.body()).at("/serving/canary").asText())) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the canary never started:\n" + agent.output());
    }

    private HttpResponse<String> infer(long id) throws Exception {
        String body = "{\"inputs\":[{\"name\":\"ids\",\"shape\":[1,1],\"datatype\":\"INT64\",\"data\":[" + id + "]}]}";
        return http.send(
                HttpRequest.newBuilder(URI.create(agent.url() + "/v2/models/lookup/infer"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
