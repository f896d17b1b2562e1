package io.mlops.agent.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.agent.batch.BatchObserver;
import io.mlops.agent.serve.Overloaded;
import io.mlops.agent.serve.UnknownModel;
import io.mlops.protocol.admin.ModelStatus;
import io.mlops.protocol.admin.ServingStatus;
import io.mlops.protocol.admin.VersionState;
import io.mlops.protocol.admin.VersionStatus;
import io.mlops.protocol.v2.InvalidInput;
import io.mlops.testing.Peers;
import io.mlops.testing.Processes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentMetricsTest {
    /** Parses the exposition with the official Prometheus client and prints every sample as JSON. */
    private static final String PARSER = """
            import json, sys
            from prometheus_client.parser import text_string_to_metric_families
            text = open(sys.argv[1], encoding="utf-8").read()
            out = []
            for family in text_string_to_metric_families(text):
                out.append({"name": family.name, "type": family.type, "help": family.documentation,
                            "samples": [{"name": s.name, "labels": s.labels, "value": s.value} for s in family.samples]})
            print(json.dumps(out))
            """;

    private static final String ODD_MODEL = "per\"sons\\v\nx";

    @TempDir
    Path dir;

    @Test
    void shouldWriteTextThatThePrometheusParserReadsBack() throws Exception {
        AgentMetrics metrics = new AgentMetrics();
        metrics.requestFinished(ODD_MODEL, "3", null, 2_000_000);
        metrics.requestFinished(ODD_MODEL, "3", null, 40_000_000);
        metrics.requestFinished(ODD_MODEL, "3", new InvalidInput("bad"), 100_000);
        Overloaded timedOut = new Overloaded("timed out after 5 ms");
        timedOut.initCause(new TimeoutException());
        metrics.requestFinished(ODD_MODEL, "3", timedOut, 5_000_000);
        BatchObserver observer = metrics.batchObserver(ODD_MODEL, "3");
        observer.dequeued(300_000);
        observer.executed(3, 5, 1_000_000);
        observer.executed(1, 1, 1_000_000);
        metrics.addSource(new ModelLoadTimes(() -> List.of(new ModelStatus(
                ODD_MODEL,
                new ServingStatus("3", null, 0),
                List.of(
                        new VersionStatus("3", VersionState.READY, "onnxruntime", "cpu", 1250, 0, 0, null),
                        new VersionStatus("4", VersionState.FAILED, "onnxruntime", "cpu", 20, 0, 0, "corrupt")),
                null,
                Map.of()))));
        metrics.addSource(out -> {
            out.family("mlops_agent_input_psi", "gauge", "PSI of an input against its reference.");
            out.sample(
                    "mlops_agent_input_psi", List.of("model", "version", "input"), List.of(ODD_MODEL, "3", "x"), 0.125);
        });

        JsonNode families = parse(metrics.scrape());

        JsonNode requests = family(families, "mlops_agent_requests");
        assertThat(requests.get("type").asText()).isEqualTo("counter");
        assertThat(value(requests, "mlops_agent_requests_total", "success", "ok"))
                .isEqualTo(2);
        assertThat(value(requests, "mlops_agent_requests_total", "failure", "invalid_input"))
                .isEqualTo(1);
        assertThat(value(requests, "mlops_agent_requests_total", "failure", "timeout"))
                .isEqualTo(1);
        assertThat(requests.get("samples").get(0).get("labels").get("model").asText())
                .isEqualTo(ODD_MODEL);

        JsonNode duration = family(families, "mlops_agent_request_duration_seconds");
        assertThat(duration.get("type").asText()).isEqualTo("histogram");
        assertThat(bucket(duration, "0.001")).isEqualTo(1); // 0.1 ms
        assertThat(bucket(duration, "0.0025")).isEqualTo(2); // + 2 ms
        assertThat(bucket(duration, "0.005")).isEqualTo(3); // + 5 ms, on the bound: le is inclusive
        assertThat(bucket(duration, "0.05")).isEqualTo(4);
        assertThat(bucket(duration, "+Inf")).isEqualTo(4);
        assertThat(sample(duration, "mlops_agent_request_duration_seconds_count")
                        .get("value")
                        .asDouble())
                .isEqualTo(4);
        assertThat(sample(duration, "mlops_agent_request_duration_seconds_sum")
                        .get("value")
                        .asDouble())
                .isCloseTo(0.0471, within(1e-9));

        JsonNode batches = family(families, "mlops_agent_batch_size");
        assertThat(bucket(batches, "1")).isEqualTo(1);
        assertThat(bucket(batches, "4")).isEqualTo(1);
        assertThat(bucket(batches, "8")).isEqualTo(2);
        assertThat(family(families, "mlops_agent_queue_duration_seconds").get("samples"))
                .isNotEmpty();
        assertThat(family(families, "mlops_agent_compute_duration_seconds").get("samples"))
                .isNotEmpty();
        assertThat(family(families, "mlops_agent_model_load_seconds")
                        .get("samples")
                        .get(0)
                        .get("value")
                        .asDouble())
                .isEqualTo(1.25);
        // The same measurements under Triton's names, with Triton's semantics.
        assertThat(triton(families, "nv_inference_request_success")).isEqualTo(2);
        assertThat(triton(families, "nv_inference_request_failure")).isEqualTo(2);
        assertThat(triton(families, "nv_inference_count")).isEqualTo(6); // a batch of n rows counts n
        assertThat(triton(families, "nv_inference_exec_count")).isEqualTo(2); // and executes once
        assertThat(triton(families, "nv_inference_request_duration_us")).isEqualTo(42_000); // successes only
        assertThat(triton(families, "nv_inference_queue_duration_us")).isEqualTo(300);
        // Each of the batch's 3 requests spent its 1 ms computing, then the lone one its 1 ms.
        assertThat(triton(families, "nv_inference_compute_infer_duration_us")).isEqualTo(4_000);

        JsonNode psi = family(families, "mlops_agent_input_psi").get("samples").get(0);
        assertThat(psi.get("labels").get("input").asText()).isEqualTo("x");
        assertThat(psi.get("value").asDouble()).isEqualTo(0.125);
    }

    @Test
    void shouldNotLetUnknownModelNamesFromClientsBecomeSeries() {
        AgentMetrics metrics = new AgentMetrics();

        metrics.requestFinished("no-such-model-1", null, new UnknownModel("unknown"), 1000);
        metrics.requestFinished("no-such-model-2", "7", new UnknownModel("unknown"), 1000);

        assertThat(metrics.requests("", "", new UnknownModel("x"))).isEqualTo(2);
        assertThat(metrics.scrape()).doesNotContain("no-such-model");
    }

    @Test
    void shouldForgetAnUnloadedVersionsSeries() {
        AgentMetrics metrics = new AgentMetrics();
        metrics.requestFinished("m", "1", null, 1000);
        metrics.requestFinished("m", "2", null, 1000);

        metrics.modelUnloaded("m", "1");

        assertThat(metrics.requests("m", "1", null)).isZero();
        assertThat(metrics.requests("m", "2", null)).isEqualTo(1);
        assertThat(metrics.scrape()).doesNotContain("version=\"1\"").contains("version=\"2\"");
    }

    @Test
    void shouldReportGpuMemoryFromNvidiaSmiAndNothingWithoutIt() throws Exception {
        // A stand-in for nvidia-smi printing what the real one prints for two GPUs with these flags.
        Path fake = dir.resolve("nvidia-smi");
        Files.writeString(fake, """
                #!/bin/sh
                [ "$1 $2" = "--query-gpu=memory.used --format=csv,noheader,nounits" ] || exit 9
                printf '1234\\n5\\n'
                """);
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        AgentMetrics metrics = new AgentMetrics();
        metrics.addSource(new GpuMemory(fake));

        JsonNode gpu = family(parse(metrics.scrape()), "mlops_agent_gpu_memory_used_bytes");

        assertThat(gpu.get("samples").get(0).get("value").asDouble()).isEqualTo(1234.0 * 1024 * 1024);
        assertThat(gpu.get("samples").get(1).get("labels").get("gpu").asText()).isEqualTo("1");
        AgentMetrics without = new AgentMetrics();
        without.addSource(new GpuMemory(dir.resolve("absent")));
        assertThat(without.scrape()).doesNotContain("gpu_memory");
    }

    @Test
    void shouldAnswerTheScrapeWithoutGpuMemoryWhenNvidiaSmiHangs() throws Exception {
        // A wedged driver makes nvidia-smi hang: it holds its output open and never exits.
        Path hung = dir.resolve("nvidia-smi");
        Files.writeString(hung, "#!/bin/sh\nprintf '1234\\n'\nexec sleep 100000\n");
        Files.setPosixFilePermissions(hung, PosixFilePermissions.fromString("rwxr-xr-x"));
        AgentMetrics metrics = new AgentMetrics();
        metrics.addSource(new GpuMemory(hung, Duration.ofMillis(200)));

        // The guard only turns a hang (the defect) into a failure; it is no performance bound.
        String scrape = assertTimeoutPreemptively(Duration.ofMinutes(2), metrics::scrape);

        assertThat(scrape).doesNotContain("gpu_memory");
    }

    @Test
    void shouldFormatNumbersAsTheFormatSpellsThem() {
        assertThat(PrometheusText.number(3)).isEqualTo("3");
        assertThat(PrometheusText.number(0.0001)).isEqualTo("0.0001");
        assertThat(PrometheusText.number(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
        assertThat(PrometheusText.number(Double.NaN)).isEqualTo("NaN");
        assertThat(AgentMetrics.reason(new Overloaded("full"))).isEqualTo("overloaded");
        assertThat(AgentMetrics.reason(new IllegalStateException())).isEqualTo("internal");
    }

    private JsonNode parse(String text) throws Exception {
        Path file = dir.resolve("metrics.txt");
        Files.writeString(file, text);
        Processes.Result result =
                Processes.run(dir, List.of(Peers.program("python").toString(), "-c", PARSER, file.toString()));
        assertThat(result.exitCode()).as(result.output()).isZero();
        return new ObjectMapper().readTree(result.output());
    }

    private static JsonNode family(JsonNode families, String name) {
        for (JsonNode family : families) {
            if (family.get("name").asText().equals(name)) {
                return family;
            }
        }
        throw new AssertionError("no family " + name + " in " + families);
    }

    /** The one sample of a Triton-named counter family, checking its type and labels. */
    private static double triton(JsonNode families, String name) {
        JsonNode family = family(families, name);
        assertThat(family.get("type").asText()).isEqualTo("counter");
        assertThat(family.get("samples")).hasSize(1);
        JsonNode sample = family.get("samples").get(0);
        assertThat(sample.get("labels").get("model").asText()).isEqualTo(ODD_MODEL);
        assertThat(sample.get("labels").get("version").asText()).isEqualTo("3");
        return sample.get("value").asDouble();
    }

    private static JsonNode sample(JsonNode family, String name) {
        for (JsonNode sample : family.get("samples")) {
            if (sample.get("name").asText().equals(name)) {
                return sample;
            }
        }
        throw new AssertionError("no sample " + name + " in " + family);
    }

    private static double value(JsonNode family, String name, String outcome, String reason) {
        for (JsonNode sample : family.get("samples")) {
            JsonNode labels = sample.get("labels");
            if (sample.get("name").asText().equals(name)
                    && labels.get("outcome").asText().equals(outcome)
                    && labels.get("reason").asText().equals(reason)) {
                return sample.get("value").asDouble();
            }
        }
        throw new AssertionError("no " + outcome + "/" + reason + " sample in " + family);
    }

    private static double bucket(JsonNode family, String le) {
        for (JsonNode sample : family.get("samples")) {
            JsonNode bound = sample.get("labels").get("le");
            if (bound != null
                    && Double.parseDouble(bound.asText().replace("+Inf", "Infinity"))
                            == Double.parseDouble(le.replace("+Inf", "Infinity"))) {
                return sample.get("value").asDouble();
            }
        }
        throw new AssertionError("no bucket le=" + le + " in " + family);
    }
}
