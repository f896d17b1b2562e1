package io.mlops.agent.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.agent.Agent;
import io.mlops.agent.testing.AgentModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A real agent on a loopback port over a temporary repository, and a client for it. */
final class RunningAgent implements AutoCloseable {
    static final String ADMIN_TOKEN = "admin-secret";
    static final ObjectMapper JSON = new ObjectMapper();

    final Agent agent;
    final Path repository;
    final HttpClient client = HttpClient.newHttpClient();

    RunningAgent(Path repository, long maxBodyBytes, String inferenceToken) throws Exception {
        this(repository, new HttpSettings("127.0.0.1", 0, maxBodyBytes, 50_000_000, ADMIN_TOKEN, inferenceToken));
    }

    RunningAgent(Path repository, HttpSettings settings) throws Exception {
        this.repository = repository;
        this.agent = Agent.start(new Agent.Config(repository, settings, 2, 64, Duration.ofSeconds(10), "cpu"));
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + agent.httpPort() + path);
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)));
    }

    HttpResponse<String> postJson(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> admin(String method, String path, HttpRequest.BodyPublisher body) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .method(method, body));
    }

    HttpResponse<String> upload(String model, String version, byte[] bundle) {
        return admin(
                "PUT",
                "/v2/admin/models/" + model + "/versions/" + version + "?backend=onnxruntime&device=cpu",
                HttpRequest.BodyPublishers.ofByteArray(bundle));
    }

    HttpResponse<String> switchTo(String model, String version) {
        return admin(
                "POST",
                "/v2/admin/models/" + model + "/switch",
                HttpRequest.BodyPublishers.ofString("{\"version\":\"" + version + "\"}"));
    }

    /** Deploys {@code y = x * w} (x {@code [batch, 3]}, every weight {@code weight}) and switches to it. */
    void serveLinear(Path dir, String model, String version, float weight) {
        HttpResponse<String> uploaded = upload(model, version, linearBundle(dir, weight));
        if (uploaded.statusCode() != 200) {
            throw new IllegalStateException(uploaded.body());
        }
        HttpResponse<String> switched = switchTo(model, version);
        if (switched.statusCode() != 200) {
            throw new IllegalStateException(switched.body());
        }
    }

    static byte[] linearBundle(Path dir, float weight) {
        float[] weights = new float[6];
        Arrays.fill(weights, weight);
        byte[] model = AgentModels.linear(dir.resolve("linear-" + weight + ".onnx"), weights, 3, new float[2]);
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("model.onnx", model);
        files.put(
                "sample-input.json",
                "{\"inputs\":[{\"name\":\"x\",\"shape\":[1,3],\"datatype\":\"FP32\",\"data\":[1,1,1]}]}"
                        .getBytes(StandardCharsets.UTF_8));
        return AgentModels.bundle(files);
    }

    static String linearRequest(int rows) {
        return "{\"inputs\":[{\"name\":\"x\",\"shape\":[" + rows + ",3],\"datatype\":\"FP32\",\"data\":"
                + Collections.nCopies(rows * 3, 1) + "}]}";
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(response.body(), e);
        }
    }

    @Override
    public void close() throws Exception {
        agent.close();
    }
}
