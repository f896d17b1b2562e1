package io.mlops.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.store.Database;
import io.mlops.store.Migrations;
import io.mlops.tracking.Metric;
import io.mlops.tracking.NewRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wire details of the MLflow REST protocol, as MLflow's own server has them. */
class MlflowProtocolTest {
    private static final String API = "/api/2.0/mlflow/";
    private static final String SEE_DOCS = " See the API docs for more information about request parameters.";

    @TempDir
    Path directory;

    private TrackingServer server;
    private Http http;

    @BeforeEach
    void start() throws IOException {
        server = TrackingServer.start(
                Database.sqlite(directory.resolve("mlops.db"), Migrations.suite()), directory.resolve("artifacts"));
        http = new Http(server.uri());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String newRun() {
        return server.store()
                .createRun(new NewRun("0", "alice", 1000, null, List.of()))
                .id();
    }

    private static void assertError(Http.Answer answer, int status, String code, String message) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.response().headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(answer.json().get("error_code").asText()).isEqualTo(code);
        assertThat(answer.json().get("message").asText()).isEqualTo(message);
    }

    @Test
    void shouldServeTheDefaultExperimentWithIdZero() {
        Http.Answer answer = http.get(API + "experiments/get?experiment_id=0");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode experiment = answer.json().get("experiment");
        assertThat(experiment.get("experiment_id").isTextual()).isTrue();
        assertThat(experiment.get("experiment_id").asText()).isEqualTo("0");
        assertThat(experiment.get("name").asText()).isEqualTo("Default");
        assertThat(experiment.get("artifact_location").asText()).isEqualTo("mlflow-artifacts:/0");
        assertThat(experiment.get("lifecycle_stage").asText()).isEqualTo("active");
        assertThat(experiment.get("creation_time").isIntegralNumber()).isTrue();
    }

    @Test
    void shouldAnswerRequestsWithoutResultWithAnEmptyObject() {
        String run = newRun();

        Http.Answer answer = http.postJson(
                API + "runs/log-metric",
                "{\"run_id\": \"" + run + "\", \"key\": \"m\", \"value\": 1.5, \"timestamp\": 1, \"step\": 0}");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.text()).isEqualTo("{}");
        assertThat(answer.response().headers().firstValue("Content-Type")).contains("application/json");
    }

    @Test
    void shouldCreateExperimentsAndFindThemByName() {
        Http.Answer created = http.postJson(API + "experiments/create", "{\"name\": \"vision\"}");
        Http.Answer found = http.get(API + "experiments/get-by-name?experiment_name=vision");

        assertThat(created.text()).isEqualTo("{\"experiment_id\":\"1\"}");
        assertThat(found.json().at("/experiment/artifact_location").asText()).isEqualTo("mlflow-artifacts:/1");
        assertError(
                http.get(API + "experiments/get-by-name?experiment_name=nope"),
                404,
                "RESOURCE_DOES_NOT_EXIST",
                "Could not find experiment with name 'nope'");
        assertError(
                http.postJson(API + "experiments/create", "{\"name\": \"vision\"}"),
                400,
                "RESOURCE_ALREADY_EXISTS",
                "Experiment(name=vision) already exists.");
        assertThat(http.postJson(API + "experiments/search", "{\"max_results\": 1}")
                        .json()
                        .get("next_page_token")
                        .asText())
                .isEqualTo("eyJvZmZzZXQiOiAxfQ==");
    }

    @Test
    void shouldCreateRunsAsMlflowDoes() {
        http.postJson(API + "experiments/create", "{\"name\": \"vision\"}");

        JsonNode run = http.postJson(
                        API + "runs/create",
                        "{\"experiment_id\": \"1\", \"user_id\": \"alice\", \"start_time\": 1700000000000,"
                                + " \"tags\": [{\"key\": \"team\", \"value\": \"ml\"}]}")
                .json()
                .get("run");

        JsonNode info = run.get("info");
        String id = info.get("run_id").asText();
        assertThat(id).matches("[0-9a-f]{32}");
        assertThat(info.get("run_uuid").asText()).isEqualTo(id);
        assertThat(info.get("status").asText()).isEqualTo("RUNNING");
        assertThat(info.get("start_time").isIntegralNumber()).isTrue();
        assertThat(info.get("start_time").longValue()).isEqualTo(1_700_000_000_000L);
        assertThat(info.has("end_time")).isFalse();
        assertThat(info.get("artifact_uri").asText()).isEqualTo("mlflow-artifacts:/1/" + id + "/artifacts");
        assertThat(info.get("lifecycle_stage").asText()).isEqualTo("active");
        assertThat(run.at("/data/tags").findValuesAsText("key")).contains("team", "mlflow.runName");
        assertThat(run.get("inputs").isEmpty()).isTrue();
    }

    @Test
    void shouldAcceptNanAndInfinityAndWriteThemAsStrings() {
        String run = newRun();
        Map<String, String> values = Map.of(
                "nan", "\"NaN\"", "inf", "\"Infinity\"", "ninf", "\"-Infinity\"", "number", "1.5", "text", "\"2.5\"");
        values.forEach((key, value) -> assertThat(http.postJson(
                                API + "runs/log-metric",
                                "{\"run_id\": \"" + run + "\", \"key\": \"" + key + "\", \"value\": " + value
                                        + ", \"timestamp\": \"7\"}")
                        .status())
                .isEqualTo(200));

        JsonNode metrics = http.get(API + "runs/get?run_id=" + run).json().at("/run/data/metrics");
        assertThat(value(metrics, "nan").asText()).isEqualTo("NaN");
        assertThat(value(metrics, "inf").asText()).isEqualTo("Infinity");
        assertThat(value(metrics, "ninf").asText()).isEqualTo("-Infinity");
        assertThat(value(metrics, "number").doubleValue()).isEqualTo(1.5);
        assertThat(value(metrics, "text").isNumber()).isTrue();
        assertThat(value(metrics, "text").doubleValue()).isEqualTo(2.5);
        assertThat(metrics.findValues("timestamp"))
                .allSatisfy(t -> assertThat(t.longValue()).isEqualTo(7));
        assertThat(server.store().run(run).metric("ninf").map(Metric::value)).contains(Double.NEGATIVE_INFINITY);
        JsonNode history = http.get(API + "metrics/get-history?run_id=" + run + "&metric_key=nan")
                .json();
        assertThat(history.at("/metrics/0/value").asText()).isEqualTo("NaN");
    }

    private static JsonNode value(JsonNode metrics, String key) {
        for (JsonNode metric : metrics) {
            if (metric.get("key").asText().equals(key)) {
                return metric.get("value");
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    @Test
    void shouldRejectMalformedJson() {
        Http.Answer answer = http.postJson(API + "runs/log-metric", "{\"run_id\": ");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(answer.json().get("message").asText()).startsWith("Malformed JSON in the request body");
    }

    @Test
    void shouldRejectAWrongOrMissingContentType() {
        assertError(
                http.post(API + "runs/log-metric", "text/plain", "{}"),
                400,
                "INVALID_PARAMETER_VALUE",
                "Bad Request. Content-Type must be one of ['application/json'].");
        assertError(
                http.post(API + "runs/log-metric", null, "{}"),
                400,
                "INVALID_PARAMETER_VALUE",
                "Bad Request. Content-Type header is missing.");
        assertThat(http.post(API + "experiments/create", "application/json; charset=utf-8", "{\"name\": \"x\"}")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void shouldReportAnUnknownRun() {
        String unknown = "0123456789abcdef0123456789abcdef";

        assertError(
                http.get(API + "runs/get?run_id=" + unknown),
                404,
                "RESOURCE_DOES_NOT_EXIST",
                "Run with id=" + unknown + " not found");
        assertError(
                http.postJson(
                        API + "runs/log-parameter",
                        "{\"run_id\": \"" + unknown + "\", \"key\": \"p\", \"value\": \"1\"}"),
                404,
                "RESOURCE_DOES_NOT_EXIST",
                "Run with id=" + unknown + " not found");
    }

    @Test
    void shouldReportMissingAndMistypedFieldsInMlflowsWords() {
        String run = newRun();

        assertError(
                http.postJson(API + "runs/log-metric", "{\"run_id\": \"" + run + "\", \"key\": \"m\", \"value\": 1}"),
                400,
                "INVALID_PARAMETER_VALUE",
                "Missing value for required parameter 'timestamp'." + SEE_DOCS);
        assertError(
                http.postJson(
                        API + "runs/log-metric",
                        "{\"run_id\": \"" + run + "\", \"key\": \"m\", \"value\": \"abc\", \"timestamp\": 1}"),
                400,
                "INVALID_PARAMETER_VALUE",
                "Invalid value \"abc\" for parameter 'value' supplied:  Hint: Value was of type 'str'." + SEE_DOCS);
        assertError(
                http.postJson(
                        API + "runs/log-batch",
                        "{\"run_id\": \"" + run + "\", \"metrics\": [{\"value\": 1, \"timestamp\": 1}]}"),
                400,
                "INVALID_PARAMETER_VALUE",
                "Missing value for required parameter 'metrics[0].key'." + SEE_DOCS);
    }

    @Test
    void shouldRefuseAParamReloggedWithAnotherValue() {
        String run = newRun();
        http.postJson(API + "runs/log-parameter", "{\"run_id\": \"" + run + "\", \"key\": \"lr\", \"value\": \"0.1\"}");

        assertError(
                http.postJson(
                        API + "runs/log-parameter",
                        "{\"run_id\": \"" + run + "\", \"key\": \"lr\", \"value\": \"0.2\"}"),
                400,
                "INVALID_PARAMETER_VALUE",
                "Changing param values is not allowed. Param with key='lr' was already logged with value='0.1' for run"
                        + " ID='" + run + "'. Attempted logging new value '0.2'.");
        assertThat(http.postJson(
                                API + "runs/log-parameter",
                                "{\"run_id\": \"" + run + "\", \"key\": \"lr\", \"value\": \"0.1\"}")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void shouldEnforceMlflowsBatchAndLengthLimits() {
        String run = newRun();
        StringBuilder metrics = new StringBuilder();
        for (int i = 0; i < 1001; i++) {
            metrics.append(i == 0 ? "" : ",")
                    .append("{\"key\":\"m\",\"value\":")
                    .append(i)
                    .append(",\"timestamp\":")
                    .append(i)
                    .append(",\"step\":")
                    .append(i)
                    .append('}');
        }
        assertError(
                http.postJson(API + "runs/log-batch", "{\"run_id\":\"" + run + "\",\"metrics\":[" + metrics + "]}"),
                400,
                "INVALID_PARAMETER_VALUE",
                "A batch logging request can contain at most 1000 metrics. Got 1001 metrics. Please split up metrics"
                        + " across multiple requests and try again.");

        StringBuilder big = new StringBuilder("{\"run_id\":\"" + run + "\",\"params\":[");
        for (int i = 0; i < 100; i++) {
            big.append(i == 0 ? "" : ",")
                    .append("{\"key\":\"p")
                    .append(i)
                    .append("\",\"value\":\"")
                    .append("v".repeat(6000))
                    .append("\"}");
        }
        big.append("],\"tags\":[");
        for (int i = 0; i < 100; i++) {
            big.append(i == 0 ? "" : ",")
                    .append("{\"key\":\"t")
                    .append(i)
                    .append("\",\"value\":\"")
                    .append("v".repeat(8000))
                    .append("\"}");
        }
        String body = big.append("]}").toString();
        assertError(
                http.postJson(API + "runs/log-batch", body),
                400,
                "INVALID_PARAMETER_VALUE",
                "Batched logging API requests must be at most 1000000 bytes, got a request of size " + body.length()
                        + ".");
        assertError(
                http.postJson(
                        API + "runs/log-parameter",
                        "{\"run_id\":\"" + run + "\",\"key\":\"p\",\"value\":\"" + "v".repeat(6001) + "\"}"),
                400,
                "INVALID_PARAMETER_VALUE",
                "'Param value' exceeds the maximum length of 6000 characters");
        assertThat(server.store().run(run).params()).isEmpty();
        assertThat(server.store().run(run).tags()).hasSize(1);
    }

    @Test
    void shouldSearchRunsAndPageThroughThem() {
        for (int i = 0; i < 3; i++) {
            newRun();
        }

        JsonNode first = http.postJson(API + "runs/search", "{\"experiment_ids\": [\"0\"], \"max_results\": 2}")
                .json();
        JsonNode second = http.postJson(
                        API + "runs/search",
                        "{\"experiment_ids\": [\"0\"], \"max_results\": 2, \"page_token\": \""
                                + first.get("next_page_token").asText() + "\"}")
                .json();
        JsonNode none = http.postJson(
                        API + "runs/search",
                        "{\"experiment_ids\": [\"0\"], \"filter\": \"attributes.status = 'FAILED'\"}")
                .json();

        assertThat(first.get("runs")).hasSize(2);
        assertThat(second.get("runs")).hasSize(1);
        assertThat(second.has("next_page_token")).isFalse();
        assertThat(none.isEmpty()).isTrue();
    }

    @Test
    void shouldPageThroughMetricHistory() {
        String run = newRun();
        for (int step = 0; step < 3; step++) {
            server.store().logMetric(run, new Metric("loss", 1.0 / (step + 1), step, step));
        }

        JsonNode first = http.get(API + "metrics/get-history?run_id=" + run + "&metric_key=loss&max_results=2")
                .json();
        JsonNode rest = http.get(API + "metrics/get-history?run_uuid=" + run + "&metric_key=loss&max_results=2"
                        + "&page_token=" + first.get("next_page_token").asText())
                .json();

        assertThat(first.get("metrics").findValues("step"))
                .extracting(JsonNode::longValue)
                .containsExactly(0L, 1L);
        assertThat(rest.get("metrics").findValues("step"))
                .extracting(JsonNode::longValue)
                .containsExactly(2L);
        assertThat(rest.has("next_page_token")).isFalse();
    }

    @Test
    void shouldEndDeleteAndRestoreRuns() {
        String run = newRun();

        JsonNode info = http.postJson(
                        API + "runs/update",
                        "{\"run_id\": \"" + run + "\", \"status\": \"FINISHED\", \"end_time\": 5000}")
                .json()
                .get("run_info");
        Http.Answer deleted = http.postJson(API + "runs/delete", "{\"run_id\": \"" + run + "\"}");

        assertThat(info.get("status").asText()).isEqualTo("FINISHED");
        assertThat(info.get("end_time").longValue()).isEqualTo(5000);
        assertThat(deleted.text()).isEqualTo("{}");
        assertError(
                http.postJson(API + "runs/set-tag", "{\"run_id\": \"" + run + "\", \"key\": \"k\", \"value\": \"v\"}"),
                400,
                "INVALID_PARAMETER_VALUE",
                "The run " + run + " must be in the 'active' state. Current state is deleted.");
        http.postJson(API + "runs/restore", "{\"run_id\": \"" + run + "\"}");
        assertThat(http.get(API + "runs/get?run_id=" + run)
                        .json()
                        .at("/run/info/lifecycle_stage")
                        .asText())
                .isEqualTo("active");
    }

    @Test
    void shouldSetDeleteTagsAndRecordInputs() {
        String run = newRun();
        http.postJson(API + "runs/set-tag", "{\"run_id\": \"" + run + "\", \"key\": \"k\", \"value\": \"v\"}");
        http.postJson(
                API + "runs/log-inputs",
                "{\"run_id\": \"" + run + "\", \"datasets\": [{\"tags\": [{\"key\": \"mlflow.data.context\","
                        + " \"value\": \"training\"}], \"dataset\": {\"name\": \"train\", \"digest\": \"abc123\","
                        + " \"source_type\": \"local\", \"source\": \"{\\\"uri\\\": \\\"/data\\\"}\"}}]}");

        assertThat(http.postJson(API + "runs/delete-tag", "{\"run_id\": \"" + run + "\", \"key\": \"k\"}")
                        .status())
                .isEqualTo(200);
        assertError(
                http.postJson(API + "runs/delete-tag", "{\"run_id\": \"" + run + "\", \"key\": \"k\"}"),
                404,
                "RESOURCE_DOES_NOT_EXIST",
                "No tag with name: k in run with id " + run);
        JsonNode inputs = http.get(API + "runs/get?run_id=" + run).json().at("/run/inputs/dataset_inputs/0");
        assertThat(inputs.at("/dataset/digest").asText()).isEqualTo("abc123");
        assertThat(inputs.at("/tags/0/value").asText()).isEqualTo("training");
    }

    @Test
    void shouldAnswerUnknownEndpointsAndMethodsWithJsonErrors() {
        Http.Answer unknown = http.get(API + "runs/explode");
        Http.Answer wrongMethod = http.get(API + "runs/create");

        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("error_code").asText()).isEqualTo("ENDPOINT_NOT_FOUND");
        assertThat(wrongMethod.status()).isEqualTo(405);
    }
}
