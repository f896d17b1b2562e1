package io.mlops.agent.http;

import static io.mlops.agent.http.RunningAgent.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.mlops.agent.testing.AgentModels;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping the agent lets a request in progress finish and answer before the server closes. */
class GracefulShutdownTest {
    @TempDir
    Path dir;

    @Test
    void shouldFinishARequestInProgressBeforeStopping() throws Exception {
        RunningAgent agent = new RunningAgent(dir.resolve("repo"), 1_000_000, null);
        CompletableFuture<Void> stopped = null;
        try {
            byte[] bundle = AgentModels.bundle(Map.of(
                    "model.onnx",
                    AgentModels.slowCounter(),
                    "sample-input.json",
                    ("{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"FP32\",\"data\":[0]},"
                                    + "{\"name\":\"n\",\"shape\":[1],\"datatype\":\"INT64\",\"data\":[1]}]}")
                            .getBytes(StandardCharsets.UTF_8)));
            assertThat(agent.upload("slow", "1", bundle).statusCode()).isEqualTo(200);
            assertThat(agent.switchTo("slow", "1").statusCode()).isEqualTo(200);

            // About a second or more of work: a loop of 500000 additions.
            CompletableFuture<HttpResponse<String>> inProgress = agent.client.sendAsync(
                    HttpRequest.newBuilder(agent.uri("/v2/models/slow/infer"))
                            .POST(
                                    HttpRequest.BodyPublishers.ofString(
                                            "{\"inputs\":[{\"name\":\"x\",\"shape\":[1],\"datatype\":\"FP32\",\"data\":[0]},"
                                                    + "{\"name\":\"n\",\"shape\":[1],\"datatype\":\"INT64\",\"data\":[500000]}]}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            while (json(agent.admin("GET", "/v2/admin/models/slow", HttpRequest.BodyPublishers.noBody()))
                            .at("/versions/0/requests")
                            .asLong()
                    == 0) {
                Thread.sleep(5);
            }

            stopped = CompletableFuture.runAsync(() -> {
                try {
                    agent.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            HttpResponse<String> answer = inProgress.get(60, TimeUnit.SECONDS);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            assertThat(json(answer).at("/outputs/0/data/0").floatValue()).isEqualTo(500000f);
            stopped.get(60, TimeUnit.SECONDS);
        } finally {
            if (stopped == null) {
                agent.close();
            }
        }
    }
}
