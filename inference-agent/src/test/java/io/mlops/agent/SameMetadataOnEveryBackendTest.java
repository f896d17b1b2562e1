package io.mlops.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.agent.backend.OnnxModels;
import io.mlops.agent.backend.openvino.OpenVinoLibraries;
import io.mlops.agent.drift.DriftMonitor;
import io.mlops.agent.http.HttpSettings;
import io.mlops.agent.testing.AgentModels;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One ONNX model on every backend this node has: the V2 model metadata ({@code GET
 * /v2/models/M/versions/V}) names, types and shapes the inputs and outputs as the ONNX graph does,
 * identically on each backend, and the answers to one request carry the graph's output names and
 * agree within tolerance. The reference is ONNX Runtime, which every agent has; OpenVINO comes from
 * the test venv's wheel; TensorRT is skipped, with the agent's reason, where it does not load (no
 * NVIDIA GPU).
 */
class SameMetadataOnEveryBackendTest {
    private static final String TOKEN = "admin-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double TOLERANCE = 1e-5;

    @TempDir
    static Path directory;

    private static Agent agent;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Map<String, Integer> VERSIONS = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        agent = Agent.start(new Agent.Config(
                directory.resolve("repository"),
                new HttpSettings("127.0.0.1", 0, 10_000_000, 50_000_000, TOKEN, null),
                1,
                64,
                Duration.ofSeconds(60),
                "cpu",
                -1,
                Optional.of(OpenVinoLibraries.libDir()),
                1,
                0,
                DriftMonitor.DEFAULT_WINDOW));
    }

    @AfterAll
    static void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
    }

    /**
     * A linear regression whose output {@code variable} is an {@code Add} node's result passed on by
     * an {@code Identity}: OpenVINO folds the Identity away and names its port {@code add_result1}
     * (OpenVINO 2026.4 here), which broke clients that were written against ONNX Runtime's answer.
     */
    @ParameterizedTest
    @ValueSource(strings = {"openvino", "tensorrt"})
    void shouldServeTheGraphsOutputNameOnEveryBackend(String backend) throws Exception {
        Path model = OnnxModels.linearRegression(directory.resolve("lr.onnx"), new float[] {1.5f, -2f, 0.25f}, 0.5f);
        String request = "{\"inputs\":[{\"name\":\"x\",\"shape\":[4,3],\"datatype\":\"FP32\","
                + "\"data\":[1,2,3,4,5,6,-1,0.5,7,0,0,0]}]}";

        JsonNode[] reference = serve("regression", model, "onnxruntime", request);
        JsonNode[] other = serve("regression", model, backend, request);

        assertThat(reference[0].get("outputs"))
                .isEqualTo(JSON.readTree("[{\"name\":\"variable\",\"datatype\":\"FP32\",\"shape\":[-1,1]}]"));
        assertThat(reference[0].get("inputs"))
                .isEqualTo(JSON.readTree("[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[-1,3]}]"));
        assertSame(reference, other);
        assertThat(values(other[1], "variable")).containsExactly(-1.25, -2.0, -0.25, 0.5);
    }

    /** Several outputs and a dynamic batch dimension. */
    @ParameterizedTest
    @ValueSource(strings = {"openvino", "tensorrt"})
    void shouldServeSeveralOutputsWithADynamicBatchAlikeOnEveryBackend(String backend) throws Exception {
        Path model = OnnxModels.sumAndProduct(directory.resolve("sp.onnx"), -1, 2);
        String request = "{\"inputs\":[{\"name\":\"x\",\"shape\":[3,2],\"datatype\":\"FP32\","
                + "\"data\":[1,-2,3.5,0,0.25,10]}]}";

        JsonNode[] reference = serve("sum-product", model, "onnxruntime", request);
        JsonNode[] other = serve("sum-product", model, backend, request);

        assertThat(reference[0].get("outputs"))
                .isEqualTo(JSON.readTree("[{\"name\":\"sum\",\"datatype\":\"FP32\",\"shape\":[-1,2]},"
                        + "{\"name\":\"product\",\"datatype\":\"FP32\",\"shape\":[-1,2]}]"));
        assertSame(reference, other);
        assertThat(values(other[1], "product")).containsExactly(1.0, 4.0, 12.25, 0.0, 0.0625, 100.0);
        JsonNode one = infer(
                "sum-product",
                VERSIONS.get("sum-product/" + backend),
                "{\"inputs\":[{\"name\":\"x\",\"shape\":[1,2],\"datatype\":\"FP32\",\"data\":[2,3]}],"
                        + "\"outputs\":[{\"name\":\"product\"}]}");
        assertThat(one.get("outputs")).hasSize(1);
        assertThat(values(one, "product")).containsExactly(4.0, 9.0);
    }

    private static void assertSame(JsonNode[] reference, JsonNode[] other) {
        assertThat(other[0].get("inputs")).isEqualTo(reference[0].get("inputs"));
        assertThat(other[0].get("outputs")).isEqualTo(reference[0].get("outputs"));
        List<String> names = names(reference[1]);
        assertThat(names(other[1])).isEqualTo(names);
        for (int i = 0; i < names.size(); i++) {
            JsonNode expected = reference[1].get("outputs").get(i);
            JsonNode actual = other[1].get("outputs").get(i);
            assertThat(actual.get("datatype")).isEqualTo(expected.get("datatype"));
            assertThat(actual.get("shape")).isEqualTo(expected.get("shape"));
            List<Double> want = values(reference[1], names.get(i));
            List<Double> got = values(other[1], names.get(i));
            assertThat(got).hasSameSizeAs(want);
            for (int j = 0; j < want.size(); j++) {
                assertThat(got.get(j)).as(names.get(i) + "[" + j + "]").isCloseTo(want.get(j), within());
            }
        }
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return org.assertj.core.data.Offset.offset(TOLERANCE);
    }

    /** Uploads the model as the next version on a backend; answers its metadata and its answer to the request. */
    private static JsonNode[] serve(String name, Path model, String backend, String request) throws Exception {
        String key = name + "/" + backend;
        if (!VERSIONS.containsKey(key)) {
            int version = VERSIONS.size() + 1;
            HttpResponse<String> uploaded = send(HttpRequest.newBuilder(
                            uri("/v2/admin/models/" + name + "/versions/" + version + "?backend=" + backend))
                    .header("Authorization", "Bearer " + TOKEN)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(
                            AgentModels.bundle(Map.of("model.onnx", Files.readAllBytes(model))))));
            boolean missing = uploaded.statusCode() != 200 && uploaded.body().contains("unknown backend");
            assumeTrue(
                    !missing,
                    () -> backend + " is not on this node: "
                            + agent.unavailableBackends().stream()
                                    .filter(line -> line.startsWith(backend))
                                    .findFirst()
                                    .orElse(uploaded.body()));
            assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(200);
            VERSIONS.put(key, version);
        }
        int version = VERSIONS.get(key);
        HttpResponse<String> metadata =
                send(HttpRequest.newBuilder(uri("/v2/models/" + name + "/versions/" + version)));
        assertThat(metadata.statusCode()).as(metadata.body()).isEqualTo(200);
        return new JsonNode[] {JSON.readTree(metadata.body()), infer(name, version, request)};
    }

    private static JsonNode infer(String name, int version, String request) throws Exception {
        HttpResponse<String> answer =
                send(HttpRequest.newBuilder(uri("/v2/models/" + name + "/versions/" + version + "/infer"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(request)));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    private static List<String> names(JsonNode answer) {
        return map(answer.get("outputs"), output -> output.get("name").asText());
    }

    private static List<Double> values(JsonNode answer, String output) {
        for (JsonNode tensor : answer.get("outputs")) {
            if (tensor.get("name").asText().equals(output)) {
                return map(tensor.get("data"), JsonNode::asDouble);
            }
        }
        throw new AssertionError("no output '" + output + "' in " + answer);
    }

    private static <T> List<T> map(JsonNode array, Function<JsonNode, T> each) {
        List<T> values = new java.util.ArrayList<>();
        array.forEach(element -> values.add(each.apply(element)));
        return values;
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + agent.httpPort() + path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
