package io.mlops.agent.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.agent.Agent;
import io.mlops.onnx.TestModels;
import io.mlops.protocol.reference.ReferenceStats;
import io.mlops.protocol.v2.DataType;
import io.mlops.protocol.v2.Tensor;
import io.mlops.testing.Peers;
import io.mlops.testing.Processes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent with dynamic batching on, over real HTTP: 64 concurrent clients each get exactly their
 * rows' answers, {@code /metrics} shows batches of more than one row and passes the official
 * Prometheus parser, and the admin status carries the input's drift.
 */
@Timeout(180)
class BatchingHttpTest {
    private static final String TOKEN = "admin-secret";
    private static final int IN = 4;
    private static final float[] WEIGHTS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}; // 4 x 3
    private static final float[] BIAS = {0.5f, -1, 2};
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private Agent agent;
    private final HttpClient client = HttpClient.newHttpClient();
    private final ExecutorService clients = Executors.newFixedThreadPool(64);

    @BeforeEach
    void start() throws Exception {
        Path version = Files.createDirectories(dir.resolve("repo/lin/1"));
        TestModels.linear(version.resolve("model.onnx"), 17, WEIGHTS, IN, BIAS);
        ReferenceStats.fromSample(List.of(sample(new Random(1), 2000)), 10).write(version.resolve(ReferenceStats.FILE));
        agent = Agent.start(new Agent.Config(
                dir.resolve("repo"),
                new HttpSettings("127.0.0.1", 0, 1_000_000, 50_000_000, TOKEN, null),
                1,
                1024,
                Duration.ofSeconds(30),
                "cpu",
                -1,
                Optional.empty(),
                32,
                1_000,
                1000));
    }

    @AfterEach
    void stop() throws Exception {
        clients.shutdownNow();
        agent.close();
    }

    private static Tensor sample(Random random, int rows) {
        ByteBuffer data = ByteBuffer.allocate(4 * rows * IN).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < rows * IN; i++) {
            data.putFloat(random.nextInt(1000) / 10f);
        }
        data.flip();
        return Tensor.of("x", DataType.FP32, new long[] {rows, IN}, data);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + agent.httpPort() + path);
    }

    @Test
    void shouldAnswerSixtyFourConcurrentClientsCorrectlyWithBatchesOfManyRows() throws Exception {
        List<Future<Integer>> done = new ArrayList<>();
        for (int c = 0; c < 64; c++) {
            int seed = c;
            done.add(clients.submit(() -> runClient(seed)));
        }
        int answered = 0;
        for (Future<Integer> each : done) {
            answered += each.get(120, TimeUnit.SECONDS);
        }
        assertThat(answered).isEqualTo(64 * 20);

        HttpResponse<String> metrics = send(HttpRequest.newBuilder(uri("/metrics")));
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain; version=0.0.4");
        String text = metrics.body();
        double oneRowBatches = value(text, "mlops_agent_batch_size_bucket{model=\"lin\",version=\"1\",le=\"1\"}");
        double batches = value(text, "mlops_agent_batch_size_count{model=\"lin\",version=\"1\"}");
        assertThat(batches).isGreaterThan(oneRowBatches); // some batch held more than one row
        assertThat(batches).isLessThan(64 * 20); // and requests shared executions
        assertThat(value(
                        text,
                        "mlops_agent_requests_total{model=\"lin\",version=\"1\",outcome=\"success\",reason=\"ok\"}"))
                .isEqualTo(64 * 20);
        assertThat(text).contains("mlops_agent_model_load_seconds{model=\"lin\",version=\"1\"}");
        assertThat(text).contains("mlops_agent_input_psi{model=\"lin\",version=\"1\",input=\"x\"}");
        assertThat(parsedFamilies(text))
                .contains(
                        "mlops_agent_requests",
                        "mlops_agent_request_duration_seconds",
                        "mlops_agent_queue_duration_seconds",
                        "mlops_agent_compute_duration_seconds",
                        "mlops_agent_batch_size",
                        "mlops_agent_model_load_seconds",
                        "mlops_agent_input_psi");

        JsonNode status = JSON.readTree(
                send(HttpRequest.newBuilder(uri("/v2/admin/models/lin")).header("Authorization", "Bearer " + TOKEN))
                        .body());
        JsonNode x = status.get("drift").get("x");
        assertThat(x.get("window").asInt()).isEqualTo(1000);
        assertThat(x.get("psi").asDouble()).isLessThan(0.1); // clients send what the reference saw
        assertThat(x.get("features")).hasSize(IN);
    }

    @Test
    void shouldFailToLoadAVersionWhoseBundleFilesAreInvalidNamingTheFile() throws Exception {
        Path badReference = Files.createDirectories(dir.resolve("repo2/drifty/1"));
        TestModels.linear(badReference.resolve("model.onnx"), 17, WEIGHTS, IN, BIAS);
        Files.writeString(badReference.resolve(ReferenceStats.FILE), "{\"image\":{\"edges\":[0,1],\"fractions\":[1]}}");
        Path badConfig = Files.createDirectories(dir.resolve("repo2/tuned/1"));
        TestModels.linear(badConfig.resolve("model.onnx"), 17, WEIGHTS, IN, BIAS);
        Files.writeString(badConfig.resolve("config.json"), "{\"maxBatchSize\": -4}");

        try (Agent second = Agent.start(new Agent.Config(
                dir.resolve("repo2"),
                new HttpSettings("127.0.0.1", 0, 1_000_000, 50_000_000, TOKEN, null),
                1,
                16,
                Duration.ofSeconds(30),
                "cpu"))) {
            assertThat(second.loadedAtStart())
                    .extracting(s -> s.name() + ": " + s.versions().getFirst().state() + ": "
                            + s.versions().getFirst().error())
                    .containsExactlyInAnyOrder(
                            "drifty: FAILED: " + badReference.resolve(ReferenceStats.FILE)
                                    + " describes input 'image', which the model does not have; its inputs are [x]",
                            "tuned: FAILED: " + badConfig.resolve("config.json")
                                    + ": max batch size must be at least 1, not -4");
        }
    }

    /** Sends 20 JSON requests of 1 to 3 random rows and checks every answer row against x * W + b. */
    private int runClient(int seed) throws Exception {
        Random random = new Random(100 + seed);
        for (int request = 0; request < 20; request++) {
            int rows = 1 + random.nextInt(3);
            float[] x = new float[rows * IN];
            StringBuilder data = new StringBuilder();
            for (int i = 0; i < x.length; i++) {
                x[i] = random.nextInt(1000) / 10f;
                data.append(i == 0 ? "" : ",").append(x[i]);
            }
            String body = "{\"id\":\"c" + seed + "-" + request + "\",\"inputs\":[{\"name\":\"x\",\"shape\":[" + rows
                    + "," + IN + "],\"datatype\":\"FP32\",\"data\":[" + data + "]}]}";
            HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/v2/models/lin/infer"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode answer = JSON.readTree(response.body());
            assertThat(answer.get("id").asText()).isEqualTo("c" + seed + "-" + request);
            JsonNode y = answer.get("outputs").get(0);
            assertThat(y.get("shape").toString()).isEqualTo("[" + rows + "," + BIAS.length + "]");
            for (int r = 0; r < rows; r++) {
                for (int o = 0; o < BIAS.length; o++) {
                    double expected = BIAS[o];
                    for (int i = 0; i < IN; i++) {
                        expected += x[r * IN + i] * WEIGHTS[i * BIAS.length + o];
                    }
                    assertThat(y.get("data").get(r * BIAS.length + o).asDouble())
                            .isCloseTo(expected, within(1e-3));
                }
            }
        }
        return 20;
    }

    private static double value(String text, String series) {
        Matcher matcher = Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE)
                .matcher(text);
        assertThat(matcher.find()).as("series %s in%n%s", series, text).isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    private List<String> parsedFamilies(String text) throws Exception {
        Path file = dir.resolve("metrics.txt");
        Files.writeString(file, text);
        Processes.Result result = Processes.run(
                dir,
                List.of(
                        Peers.program("python").toString(),
                        "-c",
                        "import sys\nfrom prometheus_client.parser import text_string_to_metric_families\n"
                                + "for f in text_string_to_metric_families(open(sys.argv[1]).read()): print(f.name)",
                        file.toString()));
        assertThat(result.exitCode()).as(result.output()).isZero();
        return result.output().lines().toList();
    }
}
