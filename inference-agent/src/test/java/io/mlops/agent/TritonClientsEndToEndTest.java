package io.mlops.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlops.agent.backend.openvino.OpenVinoLibraries;
import io.mlops.agent.drift.DriftMonitor;
import io.mlops.agent.http.HttpSettings;
import io.mlops.agent.testing.AgentModels;
import io.mlops.testing.Peers;
import io.mlops.testing.Processes;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end with the official {@code tritonclient} packages from .venv against a real agent with
 * its HTTP and gRPC ports on loopback: the same linear model deployed on ONNX Runtime and on OpenVINO
 * through the admin API, then readiness, metadata, inference, errors and the bearer token over gRPC
 * for both, and inference over HTTP for OpenVINO.
 */
class TritonClientsEndToEndTest {
    private static final String ADMIN_TOKEN = "admin-secret";
    private static final String INFERENCE_TOKEN = "inference-secret";

    @TempDir
    Path dir;

    @Test
    void shouldServeTritonGrpcAndHttpClientsOnOnnxRuntimeAndOpenVino() throws Exception {
        Path python = Peers.program("python");
        Path script = dir.resolve("triton_clients_check.py");
        try (InputStream in = getClass().getResourceAsStream("triton_clients_check.py")) {
            Files.copy(in, script);
        }
        byte[] model = AgentModels.linear(
                dir.resolve("linear.onnx"), new float[] {1, 2, 3, 4, 5, 6}, 3, new float[] {0.5f, -1f});
        try (Agent agent = Agent.start(new Agent.Config(
                dir.resolve("repo"),
                new HttpSettings("127.0.0.1", 0, 10_000_000, 50_000_000, ADMIN_TOKEN, INFERENCE_TOKEN),
                2,
                64,
                Duration.ofSeconds(30),
                "cpu",
                0,
                Optional.of(OpenVinoLibraries.libDir()),
                1,
                0,
                DriftMonitor.DEFAULT_WINDOW))) {
            assertThat(agent.unavailableBackends()).noneMatch(line -> line.startsWith("openvino"));
            deploy(agent, "linear_ort", "onnxruntime", "cpu", model);
            deploy(agent, "linear_ov", "openvino", "CPU", model);

            Processes.Result result = Processes.run(
                    dir,
                    List.of(
                            python.toString(),
                            script.toString(),
                            "127.0.0.1:" + agent.grpcPort(),
                            "127.0.0.1:" + agent.httpPort(),
                            INFERENCE_TOKEN,
                            "linear_ort=onnxruntime_onnx",
                            "linear_ov=openvino"));

            assertThat(result.output()).contains("all checks passed");
            assertThat(result.exitCode()).as(result.output()).isZero();
        }
    }

    private static void deploy(Agent agent, String name, String backend, String device, byte[] model) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + agent.httpPort() + "/v2/admin/models/" + name;
        HttpResponse<String> uploaded = client.send(
                HttpRequest.newBuilder(URI.create(base + "/versions/1?backend=" + backend + "&device=" + device))
                        .header("Authorization", "Bearer " + ADMIN_TOKEN)
                        .header("Content-Type", "application/zip")
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(AgentModels.bundle(Map.of("model.onnx", model))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
        HttpResponse<String> switched = client.send(
                HttpRequest.newBuilder(URI.create(base + "/switch"))
                        .header("Authorization", "Bearer " + ADMIN_TOKEN)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"version\":\"1\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(switched.statusCode()).as(switched.body()).isEqualTo(200);
    }
}
