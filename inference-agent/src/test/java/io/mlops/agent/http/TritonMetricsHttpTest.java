package io.mlops.agent.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.agent.Agent;
import io.mlops.onnx.TestModels;
import io.mlops.testing.Peers;
import io.mlops.testing.Processes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's {@code /metrics} under Triton's names, read with the official Prometheus parser after
 * the real agent served concurrent requests with dynamic batching, some of them failing: the counts
 * are exactly what was sent and the microsecond counters agree with the agent's own histograms.
 */
@Timeout(180)
class TritonMetricsHttpTest {
    private static final int IN = 4;
    private static final float[] WEIGHTS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}; // 4 x 3
    private static final float[] BIAS = {0.5f, -1, 2};
    private static final int CLIENTS = 16;
    private static final int REQUESTS = 10;
    private static final int INVALID = 3;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses the exposition with the official Prometheus client and prints every family as JSON. */
    private static final String PARSER = """
            import json, sys
            from prometheus_client.parser import text_string_to_metric_families
            out = []
            for family in text_string_to_metric_families(open(sys.argv[1], encoding="utf-8").read()):
                out.append({"name": family.name, "type": family.type,
                            "samples": [{"name": s.name, "labels": s.labels, "value": s.value} for s in family.samples]})
            print(json.dumps(out))
            """;

    @TempDir
    Path dir;

    private Agent agent;
    private final HttpClient client = HttpClient.newHttpClient();
    private final ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);

    @BeforeEach
    void start() throws Exception {
        Path version = Files.createDirectories(dir.resolve("repo/lin/1"));
        TestModels.linear(version.resolve("model.onnx"), 17, WEIGHTS, IN, BIAS);
        agent = Agent.start(new Agent.Config(
                dir.resolve("repo"),
                new HttpSettings("127.0.0.1", 0, 1_000_000, 50_000_000, "admin-secret", null),
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

    @Test
    void shouldExportTritonNamedCountersThatMatchWhatWasServed() throws Exception {
        List<Future<Integer>> done = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int seed = c;
            done.add(clients.submit(() -> runClient(seed)));
        }
        long rows = 0;
        for (Future<Integer> each : done) {
            rows += each.get(120, TimeUnit.SECONDS);
        }
        for (int i = 0; i < INVALID; i++) { // five columns where the model takes four
            assertThat(infer("lin/versions/1", "[1,5]", "1,2,3,4,5").statusCode())
                    .isEqualTo(400);
        }
        // Asking for no version, a failure names none: the agent cannot tell which would have answered.
        assertThat(infer("lin", "[1,5]", "1,2,3,4,5").statusCode()).isEqualTo(400);
        assertThat(infer("no-such-model", "[1,4]", "1,2,3,4").statusCode()).isEqualTo(404);

        String text = send(HttpRequest.newBuilder(uri("/metrics"))).body();
        JsonNode families = parse(text);

        for (String name : List.of(
                "nv_inference_request_success",
                "nv_inference_request_failure",
                "nv_inference_count",
                "nv_inference_exec_count",
                "nv_inference_request_duration_us",
                "nv_inference_queue_duration_us",
                "nv_inference_compute_infer_duration_us")) {
            JsonNode family = family(families, name);
            assertThat(family.get("type").asText()).as(name).isEqualTo("counter");
            // lin 1, and lin without a version for the failure that named none; no unknown model's series
            assertThat(family.get("samples"))
                    .as(name)
                    .extracting(s -> s.get("labels").toString())
                    .containsExactlyInAnyOrder(
                            "{\"model\":\"lin\",\"version\":\"1\"}", "{\"model\":\"lin\",\"version\":\"\"}");
        }
        assertThat(value(families, "nv_inference_request_failure", "")).isEqualTo(1);
        assertThat(value(families, "nv_inference_request_success", "")).isZero();
        assertThat(value(families, "nv_inference_request_success")).isEqualTo(CLIENTS * REQUESTS);
        assertThat(value(families, "nv_inference_request_failure")).isEqualTo(INVALID);
        // A batch of n rows counts n; the warm-up at load ran one row of zeros through the runtime.
        assertThat(value(families, "nv_inference_count")).isEqualTo(rows + 1);
        assertThat(value(families, "nv_inference_count")).isEqualTo(suite(families, "mlops_agent_batch_size", "_sum"));
        double executions = value(families, "nv_inference_exec_count");
        assertThat(executions).isEqualTo(suite(families, "mlops_agent_batch_size", "_count"));
        assertThat(executions).isLessThanOrEqualTo(CLIENTS * REQUESTS + 1); // a batch of requests counts once

        double requestMicros = value(families, "nv_inference_request_duration_us");
        assertThat(requestMicros).isPositive();
        // Triton's counts successful requests only; the agent's histogram counts the failures too.
        assertThat(requestMicros)
                .isLessThanOrEqualTo(suite(families, "mlops_agent_request_duration_seconds", "_sum") * 1e6 + 1);
        double queueMicros = value(families, "nv_inference_queue_duration_us");
        assertThat(queueMicros).isPositive();
        assertThat(queueMicros)
                .isCloseTo(suite(families, "mlops_agent_queue_duration_seconds", "_sum") * 1e6, within(2.0));
        double computeMicros = value(families, "nv_inference_compute_infer_duration_us");
        assertThat(computeMicros).isPositive();
        // Each request adds its batch's compute time, so the sum is at least the per-batch sum.
        assertThat(computeMicros)
                .isGreaterThanOrEqualTo(suite(families, "mlops_agent_compute_duration_seconds", "_sum") * 1e6 - 2);
    }

    /** Sends requests of 1 to 3 random rows, each answered, and returns the rows sent. */
    private int runClient(int seed) throws Exception {
        Random random = new Random(300 + seed);
        int sent = 0;
        for (int request = 0; request < REQUESTS; request++) {
            int rows = 1 + random.nextInt(3);
            StringBuilder data = new StringBuilder();
            for (int i = 0; i < rows * IN; i++) {
                data.append(i == 0 ? "" : ",").append(random.nextInt(1000) / 10f);
            }
            HttpResponse<String> response = infer("lin", "[" + rows + "," + IN + "]", data.toString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(JSON.readTree(response.body())
                            .get("outputs")
                            .get(0)
                            .get("shape")
                            .toString())
                    .isEqualTo("[" + rows + "," + BIAS.length + "]");
            sent += rows;
        }
        return sent;
    }

    private HttpResponse<String> infer(String model, String shape, String data) throws Exception {
        String body =
                "{\"inputs\":[{\"name\":\"x\",\"shape\":" + shape + ",\"datatype\":\"FP32\",\"data\":[" + data + "]}]}";
        return send(HttpRequest.newBuilder(uri("/v2/models/" + model + "/infer"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + agent.httpPort() + path);
    }

    private JsonNode parse(String text) throws Exception {
        Path file = dir.resolve("metrics.txt");
        Files.writeString(file, text);
        Processes.Result result =
                Processes.run(dir, List.of(Peers.program("python").toString(), "-c", PARSER, file.toString()));
        assertThat(result.exitCode()).as(result.output()).isZero();
        return JSON.readTree(result.output());
    }

    private static JsonNode family(JsonNode families, String name) {
        for (JsonNode family : families) {
            if (family.get("name").asText().equals(name)) {
                return family;
            }
        }
        throw new AssertionError("no family " + name + " in " + families);
    }

    /** The sample of a Triton-named family for lin 1. */
    private static double value(JsonNode families, String name) {
        return value(families, name, "1");
    }

    /** The sample of a Triton-named family for lin and a version label. */
    private static double value(JsonNode families, String name, String version) {
        for (JsonNode sample : family(families, name).get("samples")) {
            if (sample.get("labels").get("version").asText().equals(version)) {
                return sample.get("value").asDouble();
            }
        }
        throw new AssertionError("no " + name + " for version '" + version + "'");
    }

    /** A {@code _sum} or {@code _count} of one of the agent's own histograms for lin 1. */
    private static double suite(JsonNode families, String histogram, String suffix) {
        for (JsonNode sample : family(families, histogram).get("samples")) {
            if (sample.get("name").asText().equals(histogram + suffix)
                    && sample.get("labels").get("model").asText().equals("lin")
                    && sample.get("labels").get("version").asText().equals("1")) {
                return sample.get("value").asDouble();
            }
        }
        throw new AssertionError("no " + histogram + suffix + " for lin");
    }
}
