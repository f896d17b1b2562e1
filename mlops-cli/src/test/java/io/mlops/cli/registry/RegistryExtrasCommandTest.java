package io.mlops.cli.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.blob.Blob;
import io.mlops.blob.BlobId;
import io.mlops.cli.Main;
import io.mlops.store.Database;
import io.mlops.store.Migrations;
import io.mlops.store.StoreUrl;
import io.mlops.tracking.JdbcTrackingStore;
import io.mlops.tracking.NewRun;
import io.mlops.tracking.StoredArtifact;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mlops registry}: registering from a run artifact with the card of {@code mlops convert}
 * and the metrics of {@code mlops evaluate}, the alias history, and webhooks.
 */
class RegistryExtrasCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "webhook-secret-0123456789";

    @TempDir
    Path directory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Map<String, String> environment = new HashMap<>(Map.of("USER", "alice"));
    private String store;
    private Path modelFile;

    @BeforeEach
    void files() throws Exception {
        store = "sqlite:" + directory.resolve("registry.db");
        modelFile = Files.writeString(directory.resolve("model.onnx"), "model bytes");
    }

    private int mlops(String... arguments) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        List<String> all =
                new ArrayList<>(List.of("--home", directory.resolve("home").toString()));
        all.addAll(List.of(arguments));
        return Main.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err), environment);
    }

    private String runWithArtifact(String path) {
        try (Database database = Database.open(StoreUrl.parse(store), Migrations.suite())) {
            JdbcTrackingStore tracking = new JdbcTrackingStore(database);
            String runId = tracking.createRun(new NewRun("0", "alice", 1L, "train", List.of()))
                    .id();
            tracking.recordArtifact(new StoredArtifact(runId, path, new Blob(new BlobId("c".repeat(64)), 77)));
            return runId;
        }
    }

    @Test
    void shouldRegisterARunArtifactWithTheCardOfConvertAndTheMetricsOfEvaluate() throws Exception {
        String runId = runWithArtifact("model/model.onnx");
        // What `mlops --json convert card model.onnx` prints, and `mlops evaluate --report DIR` writes.
        Path card = Files.writeString(directory.resolve("card.json"), """
                {"file": "model.onnx", "fileSize": 11, "irVersion": 9, "producer": "pytorch",
                 "opsets": [{"domain": "ai.onnx", "version": 17}, {"domain": "ai.onnx.ml", "version": 3}],
                 "inputs": [{"name": "images", "type": "float32", "dims": ["batch", "3", "640", "640"]}],
                 "outputs": [{"name": "boxes", "type": "float32", "dims": ["batch", "84", "8400"]}],
                 "parameterCount": 3000000, "loads": true, "runtime": "onnxruntime 1.29.0"}
                """);
        Path report = Files.createDirectories(directory.resolve("report"));
        Files.writeString(report.resolve("report.json"), """
                {"model": "model.onnx", "metrics": {"mAP50": 0.61, "mAP50_95": 0.42, "latency_p95_ms": 11.5},
                 "passed": true}
                """);

        int status = mlops(
                "--json",
                "registry",
                "register",
                "persons",
                "--artifact",
                "runs:/" + runId + "/model/model.onnx",
                "--card",
                card.toString(),
                "--metrics",
                report.toString(),
                "--store",
                store);

        assertThat(status).as(err.toString()).isZero();
        JsonNode version = JSON.readTree(out.toString());
        assertThat(version.at("/source/uri").asText()).isEqualTo("runs:/" + runId + "/model/model.onnx");
        assertThat(version.at("/source/sha256").asText()).isEqualTo("c".repeat(64));
        assertThat(version.at("/source/sizeBytes").asLong()).isEqualTo(77);
        assertThat(version.get("runId").asText()).isEqualTo(runId);
        assertThat(version.at("/metrics/mAP50").asDouble()).isEqualTo(0.61);
        assertThat(version.get("metrics")).hasSize(3);
        assertThat(version.at("/card/inputs").asText()).isEqualTo("images: float32 [batch, 3, 640, 640]");
        assertThat(version.at("/card/outputs").asText()).isEqualTo("boxes: float32 [batch, 84, 8400]");
        assertThat(version.at("/card/opset").asInt()).isEqualTo(17);
    }

    @Test
    void shouldTakeTheCardFromTheWholeResultOfConvertAndTheReportFileItself() throws Exception {
        Path conversion = Files.writeString(directory.resolve("conversion.json"), """
                {"framework": "pytorch", "card": {"opsets": [{"domain": "", "version": 13}],
                 "inputs": [{"name": "x", "type": "float32", "dims": ["1", "4"]}],
                 "outputs": [{"name": "y", "type": "float32", "dims": ["1", "3"]}]}}
                """);
        Path report = Files.writeString(directory.resolve("report.json"), "{\"metrics\": {\"accuracy\": 0.9}}");

        int status = mlops(
                "--json",
                "registry",
                "register",
                "iris",
                "--file",
                modelFile.toString(),
                "--card",
                conversion.toString(),
                "--metrics",
                report.toString(),
                "--store",
                store);

        assertThat(status).as(err.toString()).isZero();
        JsonNode version = JSON.readTree(out.toString());
        assertThat(version.at("/card/opset").asInt()).isEqualTo(13);
        assertThat(version.at("/card/inputs").asText()).isEqualTo("x: float32 [1, 4]");
        assertThat(version.at("/metrics/accuracy").asDouble()).isEqualTo(0.9);
    }

    @Test
    void shouldRefuseBadSourcesCardsAndReportsBeforeStoringAnything() throws Exception {
        String runId = runWithArtifact("model.onnx");
        Path notACard = Files.writeString(directory.resolve("other.json"), "{\"hello\": 1}");
        Path badReport = Files.writeString(directory.resolve("bad.json"), "{\"metrics\": {\"mAP50\": \"high\"}}");

        assertThat(mlops("registry", "register", "m", "--artifact", "runs:/" + runId + "/nope.onnx", "--store", store))
                .isEqualTo(1);
        assertThat(err.toString()).contains("has no artifact 'nope.onnx'");
        assertThat(mlops("registry", "register", "m", "--artifact", "s3://bucket/model.onnx", "--store", store))
                .isEqualTo(1);
        assertThat(err.toString()).contains("expected runs:/<run id>/<path>");
        assertThat(mlops(
                        "registry",
                        "register",
                        "m",
                        "--file",
                        modelFile.toString(),
                        "--card",
                        notACard.toString(),
                        "--store",
                        store))
                .isEqualTo(1);
        assertThat(err.toString()).contains("is no model card");
        assertThat(mlops(
                        "registry",
                        "register",
                        "m",
                        "--file",
                        modelFile.toString(),
                        "--metrics",
                        badReport.toString(),
                        "--store",
                        store))
                .isEqualTo(1);
        assertThat(err.toString()).contains("metric 'mAP50'", "is no number");
        assertThat(mlops(
                        "registry",
                        "register",
                        "m",
                        "--file",
                        modelFile.toString(),
                        "--artifact",
                        "runs:/" + runId + "/model.onnx",
                        "--store",
                        store))
                .isEqualTo(2);
        assertThat(err.toString()).contains("mutually exclusive");
        assertThat(mlops("registry", "list", "--store", store)).isZero();
        assertThat(out.toString()).doesNotContain("m ");
    }

    @Test
    void shouldShowTheAliasHistoryOldestFirst() throws Exception {
        mlops("registry", "register", "persons", "--file", modelFile.toString(), "--store", store);
        mlops("registry", "register", "persons", "--file", modelFile.toString(), "--store", store);
        mlops("registry", "alias", "persons", "production", "1", "--reason", "first", "--store", store);
        mlops("registry", "alias", "persons", "production", "2", "--reason", "better", "--store", store);
        mlops("registry", "rollback", "persons", "production", "--reason", "alerts", "--store", store);

        assertThat(mlops("registry", "stages", "persons", "--store", store))
                .as(err.toString())
                .isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).contains("ALIAS", "KIND", "FROM", "TO", "ACTOR", "REASON");
        assertThat(lines.get(1)).contains("production", "SET", "-", "v1", "alice", "first");
        assertThat(lines.get(2)).contains("MOVED", "v1", "v2", "better");
        assertThat(lines.get(3)).contains("ROLLBACK", "v2", "v1", "alerts");

        assertThat(mlops("--json", "registry", "stages", "persons", "--store", store))
                .isZero();
        assertThat(JSON.readTree(out.toString()).findValuesAsText("kind")).containsExactly("SET", "MOVED", "ROLLBACK");
        assertThat(mlops("registry", "stages", "nobody", "--store", store)).isEqualTo(1);
        assertThat(err.toString()).contains("no registered model named 'nobody'");
    }

    @Test
    void shouldAddListAndRemoveWebhooksWithoutEverShowingTheSecret() throws Exception {
        Path secretFile = Files.writeString(directory.resolve("secret"), SECRET + "\n");

        assertThat(mlops(
                        "registry",
                        "webhook",
                        "add",
                        "https://ci.example/hook",
                        "--event",
                        "ALIAS_MOVED",
                        "--event",
                        "version_created",
                        "--model",
                        "persons",
                        "--secret-file",
                        secretFile.toString(),
                        "--store",
                        store))
                .as(err.toString())
                .isZero();
        String id = out.toString().strip();
        environment.put("MLOPS_WEBHOOK_SECRET", SECRET);
        assertThat(mlops(
                        "--json",
                        "registry",
                        "webhook",
                        "add",
                        "http://127.0.0.1:9/all",
                        "--event",
                        "DEPLOYMENT_CHANGED",
                        "--store",
                        store))
                .as(err.toString())
                .isZero();
        assertThat(out.toString()).doesNotContain(SECRET);

        assertThat(mlops("registry", "webhook", "list", "--store", store)).isZero();
        String list = out.toString();
        assertThat(list)
                .contains("https://ci.example/hook", "ALIAS_MOVED,VERSION_CREATED", "persons", "*")
                .doesNotContain(SECRET);
        assertThat(mlops("registry", "webhook", "deliveries", id, "--store", store))
                .isZero();
        assertThat(out.toString()).contains("no deliveries yet");

        assertThat(mlops("registry", "webhook", "remove", id, "--store", store)).isZero();
        assertThat(mlops("registry", "webhook", "list", "--store", store)).isZero();
        assertThat(out.toString()).doesNotContain("https://ci.example/hook");
        assertThat(mlops("registry", "webhook", "remove", id, "--store", store)).isEqualTo(1);
        assertThat(err.toString()).contains("no webhook with id " + id);
        assertThat(err.toString() + out).doesNotContain(SECRET);
    }

    @Test
    void shouldRefuseAWebhookWithoutASecretOrWithAnUnknownEvent() {
        assertThat(mlops("registry", "webhook", "add", "https://h/x", "--event", "ALIAS_MOVED", "--store", store))
                .isEqualTo(1);
        assertThat(err.toString()).contains("needs a secret", "--secret-file", "MLOPS_WEBHOOK_SECRET");
        environment.put("MLOPS_WEBHOOK_SECRET", SECRET);
        assertThat(mlops("registry", "webhook", "add", "https://h/x", "--event", "MODEL_EATEN", "--store", store))
                .isEqualTo(1);
        assertThat(err.toString()).contains("'MODEL_EATEN' is no webhook event");
        assertThat(mlops("registry", "webhook", "add", "ftp://h/x", "--event", "ALIAS_MOVED", "--store", store))
                .isEqualTo(1);
        assertThat(err.toString()).contains("http:// or https://").doesNotContain(SECRET);
    }
}
