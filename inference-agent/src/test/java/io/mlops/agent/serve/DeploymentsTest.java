package io.mlops.agent.serve;

import static io.mlops.agent.serve.ServingFixture.first;
import static io.mlops.agent.serve.ServingFixture.linearBundle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.agent.testing.AgentModels;
import io.mlops.error.UserError;
import io.mlops.protocol.admin.ModelStatus;
import io.mlops.protocol.admin.ServingStatus;
import io.mlops.protocol.admin.SwitchRequest;
import io.mlops.protocol.admin.VersionState;
import io.mlops.protocol.admin.VersionStatus;
import io.mlops.protocol.v2.InvalidInput;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeploymentsTest {
    @TempDir
    Path dir;

    private ServingFixture serving;

    @BeforeEach
    void start() {
        serving = new ServingFixture(dir.resolve("repo"), Duration.ofSeconds(10), 16);
    }

    @AfterEach
    void stop() {
        serving.close();
    }

    @Test
    void shouldLoadAndWarmUpANewVersionWithoutRoutingTrafficToIt() {
        ModelStatus status = serving.deploy("mlp", "1", linearBundle(dir, 1));

        assertThat(status.versions()).singleElement().satisfies(v -> {
            assertThat(v.state()).isEqualTo(VersionState.READY);
            assertThat(v.backend()).isEqualTo("onnxruntime");
            assertThat(v.device()).isEqualTo("cpu");
        });
        assertThat(status.serving().primary()).isNull();
        assertThat(serving.root.resolve("mlp/1/model.onnx")).exists();
        assertThatThrownBy(() -> serving.infer("mlp", null))
                .isInstanceOf(UnknownModel.class)
                .hasMessageContaining("no version serving traffic");
        assertThat(first(serving.infer("mlp", "1"))).isEqualTo(3f);
    }

    @Test
    void shouldSwitchAllTrafficAtOnceAndRollBackOnRequest() {
        serving.deploy("mlp", "1", linearBundle(dir, 1));
        serving.deployments.switchTo("mlp", new SwitchRequest("1", 100, 0, 0.05));
        serving.deploy("mlp", "2", linearBundle(dir, 2));
        assertThat(serving.infer("mlp", null).version()).isEqualTo("1");

        ModelStatus switched = serving.deployments.switchTo("mlp", new SwitchRequest("2", 100, 0, 0.05));

        assertThat(switched.serving().primary()).isEqualTo("2");
        assertThat(serving.infer("mlp", null).version()).isEqualTo("2");
        assertThat(first(serving.infer("mlp", null))).isEqualTo(6f);

        ModelStatus rolledBack = serving.deployments.rollback("mlp", "v2 looks wrong");

        assertThat(rolledBack.serving().primary()).isEqualTo("1");
        assertThat(rolledBack.lastRollback().from()).isEqualTo("2");
        assertThat(rolledBack.lastRollback().to()).isEqualTo("1");
        assertThat(rolledBack.lastRollback().reason()).isEqualTo("v2 looks wrong");
        assertThat(serving.infer("mlp", null).version()).isEqualTo("1");
        assertThatThrownBy(() -> serving.deployments.rollback("mlp", "again"))
                .isInstanceOf(Conflict.class)
                .hasMessageContaining("no earlier version to roll back to");
    }

    @Test
    void shouldKeepTheOldVersionServingWhenTheNewModelIsCorrupt() {
        serving.deploy("mlp", "1", linearBundle(dir, 1));
        serving.deployments.switchTo("mlp", new SwitchRequest("1", 100, 0, 0.05));
        byte[] corrupt = AgentModels.bundle(Map.of("model.onnx", "garbage".getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> serving.deploy("mlp", "2", corrupt))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("model 'mlp' version 2 failed to load")
                .hasMessageContaining("version 1 keeps serving");

        assertThat(serving.deployments.status("mlp").versions())
                .extracting(VersionStatus::version)
                .containsExactly("1");
        assertThat(serving.root.resolve("mlp/2")).doesNotExist();
        assertThat(serving.infer("mlp", null).version()).isEqualTo("1");
    }

    @Test
    void shouldFailADeployWhoseSampleInputDoesNotFitTheModel() {
        byte[] model = AgentModels.linear(dir.resolve("m.onnx"), new float[] {1, 1, 1, 1, 1, 1}, 3, new float[2]);
        byte[] bundle = AgentModels.bundle(Map.of(
                "model.onnx",
                model,
                "sample-input.json",
                "{\"inputs\":[{\"name\":\"x\",\"shape\":[1,4],\"datatype\":\"FP32\",\"data\":[1,1,1,1]}]}"
                        .getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> serving.deploy("mlp", "1", bundle))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("warm-up with sample-input.json")
                .hasMessageContaining("expected shape [-1, 3]");
        assertThatThrownBy(() -> serving.deployments.status("mlp")).isInstanceOf(UnknownModel.class);
    }

    @Test
    void shouldRefuseToDeployAVersionThatExists() {
        serving.deploy("mlp", "1", linearBundle(dir, 1));
        assertThatThrownBy(() -> serving.deploy("mlp", "1", linearBundle(dir, 5)))
                .isInstanceOf(Conflict.class)
                .hasMessageContaining("version 1 is already deployed");
        assertThat(first(serving.infer("mlp", "1"))).isEqualTo(3f);
    }

    @Test
    void shouldSendACanaryItsShareAndPromoteItWhenTheWatchPasses() throws Exception {
        serving.deploy("mlp", "1", linearBundle(dir, 1));
        serving.deployments.switchTo("mlp", new SwitchRequest("1", 100, 0, 0.05));
        serving.deploy("mlp", "2", linearBundle(dir, 2));

        ModelStatus canary = serving.deployments.switchTo("mlp", new SwitchRequest("2", 50, 1, 0.05));

        assertThat(canary.serving()).isEqualTo(new ServingStatus("1", "2", 50));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            InferResponse response = serving.infer("mlp", null);
            seen.add(response.version());
            assertThat(first(response)).isEqualTo(response.version().equals("1") ? 3f : 6f);
        }
        assertThat(seen).containsExactlyInAnyOrder("1", "2");
        serving.scheduler.advance(Duration.ofMillis(999));
        assertThat(serving.deployments.status("mlp").serving()).isEqualTo(new ServingStatus("1", "2", 50));
        serving.scheduler.advance(Duration.ofMillis(1)); // the one-second watch ends now
        assertThat(serving.deployments.status("mlp").serving().primary()).isEqualTo("2");
        assertThat(serving.deployments.status("mlp").serving()).isEqualTo(new ServingStatus("2", null, 0));
        assertThat(serving.deployments.status("mlp").lastRollback()).isNull();
    }

    @Test
    void shouldRollACanaryBackAutomaticallyWhenItsErrorRateIsTooHigh() throws Exception {
        serving.deploy("mlp", "1", linearBundle(dir, 1));
        serving.deployments.switchTo("mlp", new SwitchRequest("1", 100, 0, 0.05));
        // Version 2 expects 4 features: every request of the clients, with 3, fails on it.
        serving.deploy("mlp", "2", linearBundle(dir, 2, 4));
        serving.deployments.switchTo("mlp", new SwitchRequest("2", 50, 60, 0.05));

        while (serving.models.get("mlp").version("2").requests() < SwitchRequest.MIN_WATCHED_REQUESTS) {
            try {
                serving.infer("mlp", null);
            } catch (InvalidInput expected) {
                // the canary's failures are what the watch judges
            }
        }
        assertThat(serving.deployments.status("mlp").lastRollback()).isNull();
        serving.scheduler.advance(Duration.ofMillis(200)); // the watch's next check

        ModelStatus status = serving.deployments.status("mlp");
        assertThat(status.serving()).isEqualTo(new ServingStatus("1", null, 0));
        assertThat(status.lastRollback().from()).isEqualTo("2");
        assertThat(status.lastRollback().to()).isEqualTo("1");
        assertThat(status.lastRollback().reason()).startsWith("automatic: version 2 failed");
        for (int i = 0; i < 50; i++) {
            assertThat(serving.infer("mlp", null).version()).isEqualTo("1");
        }
    }

    @Test
    void shouldSwitchAndRollBackWhileAnotherVersionIsStillLoading() throws Exception {
        serving.deploy("mlp", "1", linearBundle(dir, 1));
        serving.deploy("mlp", "2", linearBundle(dir, 2));
        serving.deployments.switchTo("mlp", new SwitchRequest("1", 100, 0, 0.05));
        serving.entered.drainPermits(); // the warm-ups of versions 1 and 2 passed the gate already
        CountDownLatch warmUp = serving.closeGate();
        CompletableFuture<ModelStatus> loading =
                CompletableFuture.supplyAsync(() -> serving.deploy("mlp", "3", linearBundle(dir, 3)));
        assertThat(serving.entered.tryAcquire(30, TimeUnit.SECONDS)).isTrue(); // version 3's warm-up is held

        assertThat(serving.deployments.status("mlp").versions().get(2).state()).isEqualTo(VersionState.LOADING);
        assertThat(serving.deployments
                        .switchTo("mlp", new SwitchRequest("2", 100, 0, 0.05))
                        .serving()
                        .primary())
                .isEqualTo("2");
        assertThat(serving.deployments
                        .rollback("mlp", "changed my mind")
                        .serving()
                        .primary())
                .isEqualTo("1");
        assertThatThrownBy(() -> serving.deployments.unload("mlp", "3"))
                .isInstanceOf(Conflict.class)
                .hasMessageContaining("still loading");
        assertThatThrownBy(() -> serving.deployments.switchTo("mlp", new SwitchRequest("3", 100, 0, 0.05)))
                .isInstanceOf(Conflict.class)
                .hasMessageContaining("is LOADING");
        assertThat(loading).isNotDone();

        warmUp.countDown();
        assertThat(loading.get(10, TimeUnit.SECONDS).versions().get(2).state()).isEqualTo(VersionState.READY);
    }

    @Test
    void shouldRefuseToUnloadAVersionThatServesTraffic() {
        serving.deploy("mlp", "1", linearBundle(dir, 1));
        serving.deployments.switchTo("mlp", new SwitchRequest("1", 100, 0, 0.05));
        assertThatThrownBy(() -> serving.deployments.unload("mlp", "1"))
                .isInstanceOf(Conflict.class)
                .hasMessageContaining("serves traffic (primary)");
        assertThat(serving.infer("mlp", null).version()).isEqualTo("1");
    }

    @Test
    void shouldLetRequestsInFlightFinishBeforeUnloadingTheirVersion() throws Exception {
        serving.deploy("mlp", "1", linearBundle(dir, 1));
        serving.deploy("mlp", "2", linearBundle(dir, 2));
        serving.deployments.switchTo("mlp", new SwitchRequest("1", 100, 0, 0.05));
        serving.entered.drainPermits(); // the warm-ups of versions 1 and 2 passed the gate already
        CountDownLatch gate = serving.closeGate();
        CompletableFuture<InferResponse> inFlight = CompletableFuture.supplyAsync(() -> serving.infer("mlp", "2"));
        assertThat(serving.entered.tryAcquire(30, TimeUnit.SECONDS)).isTrue(); // the request holds version 2

        CompletableFuture<ModelStatus> unload =
                CompletableFuture.supplyAsync(() -> serving.deployments.unload("mlp", "2"));
        // Whenever the unload starts, it cannot end before the held request: had it freed the model
        // under the request, the request would fail instead of answering 6 below.
        assertThat(unload).isNotDone();

        gate.countDown();
        assertThat(first(inFlight.get(10, TimeUnit.SECONDS))).isEqualTo(6f);
        assertThat(unload.get(10, TimeUnit.SECONDS).versions())
                .extracting(VersionStatus::version)
                .containsExactly("1");
        assertThat(serving.root.resolve("mlp/2")).doesNotExist();
    }

    @Test
    void shouldAnswerOverloadedWhenARequestPassesItsTimeout() {
        serving.close();
        serving = new ServingFixture(dir.resolve("repo2"), Duration.ofMillis(200), 16);
        serving.deploy("mlp", "1", linearBundle(dir, 1));
        CountDownLatch gate = serving.closeGate();
        assertThatThrownBy(() -> serving.infer("mlp", "1"))
                .isInstanceOf(Overloaded.class)
                .hasMessageContaining("did not answer within 200 ms");
        gate.countDown();
        assertThat(serving.deployments.status("mlp").versions().getFirst().failures())
                .isEqualTo(1);
    }

    @Test
    void shouldServeTheHighestReadyVersionOfAModelWithoutStateFileAtStart() throws Exception {
        serving.deploy("mlp", "1", linearBundle(dir, 1));
        serving.deploy("mlp", "2", linearBundle(dir, 2));
        serving.close();
        // A repository from an agent that saved no state, or one filled by hand.
        Files.delete(serving.root.resolve("mlp").resolve(ServingStateFile.FILE_NAME));

        serving = new ServingFixture(dir.resolve("repo"), Duration.ofSeconds(10), 16);
        serving.deployments.loadRepository();

        assertThat(serving.deployments.status("mlp").serving().primary()).isEqualTo("2");
        assertThat(first(serving.infer("mlp", null))).isEqualTo(6f);
    }

    @Test
    void shouldServeTheSwitchedVersionAtStartAndTakeBackOneNeverSwitchedTo() {
        serving.deploy("mlp", "1", linearBundle(dir, 1));
        serving.deployments.switchTo("mlp", new SwitchRequest("1", 100, 0, 0));
        serving.deploy("mlp", "2", linearBundle(dir, 2));
        serving.close();

        serving = new ServingFixture(dir.resolve("repo"), Duration.ofSeconds(10), 16);
        ModelStatus status = serving.deployments.loadRepository().getFirst();

        assertThat(status.serving().primary()).isEqualTo("1");
        assertThat(first(serving.infer("mlp", null))).isEqualTo(3f);
        assertThat(status.version("2").state()).isEqualTo(VersionState.FAILED);
        assertThat(status.version("2").error()).contains("the agent restarted during the deployment of version 2");
    }

    @Test
    void shouldFallBackToThePreviousVersionWhenTheServingOneNoLongerLoads() throws Exception {
        for (String version : List.of("1", "2", "3")) {
            serving.deploy("mlp", version, linearBundle(dir, Integer.parseInt(version)));
            serving.deployments.switchTo("mlp", new SwitchRequest(version, 100, 0, 0));
        }
        serving.close();
        Files.writeString(serving.root.resolve("mlp/3/model.onnx"), "damaged on disk");

        serving = new ServingFixture(dir.resolve("repo"), Duration.ofSeconds(10), 16);
        ModelStatus status = serving.deployments.loadRepository().getFirst();

        assertThat(status.serving().primary()).isEqualTo("2");
        assertThat(first(serving.infer("mlp", null))).isEqualTo(6f);
        assertThat(status.lastRollback().from()).isEqualTo("3");
        assertThat(status.lastRollback().to()).isEqualTo("2");
        assertThat(status.lastRollback().reason()).startsWith("version 3 failed to load at start: ");
    }

    @Test
    void shouldListAVersionThatFailsAtStartAsFailedAndServeTheRest() throws Exception {
        serving.deploy("mlp", "1", linearBundle(dir, 1));
        serving.deploy("mlp", "2", linearBundle(dir, 2));
        serving.deploy("mlp", "3", linearBundle(dir, 3));
        serving.close();
        Files.delete(serving.root.resolve("mlp").resolve(ServingStateFile.FILE_NAME));
        Files.writeString(serving.root.resolve("mlp/3/model.onnx"), "damaged on disk");
        Files.writeString(serving.root.resolve("mlp/2/" + Deployments.DEPLOYMENT_FILE), "{not json");

        serving = new ServingFixture(dir.resolve("repo"), Duration.ofSeconds(10), 16);
        ModelStatus status = serving.deployments.loadRepository().getFirst();

        assertThat(status.versions())
                .extracting(VersionStatus::state)
                .containsExactly(VersionState.READY, VersionState.FAILED, VersionState.FAILED);
        assertThat(status.versions().get(1).error()).contains(Deployments.DEPLOYMENT_FILE);
        assertThat(status.versions().get(2).error()).contains("model.onnx");
        assertThat(status.serving().primary()).isEqualTo("1");
        assertThat(first(serving.infer("mlp", null))).isEqualTo(3f);
        assertThat(serving.root.resolve("mlp/3/model.onnx")).exists();
    }

    @Test
    void shouldUndeployAModelAndItsFiles() throws Exception {
        serving.deploy("mlp", "1", linearBundle(dir, 1));
        serving.deployments.undeploy("mlp");
        assertThatThrownBy(() -> serving.infer("mlp", "1")).isInstanceOf(UnknownModel.class);
        assertThat(Files.exists(serving.root.resolve("mlp"))).isFalse();
    }
}
