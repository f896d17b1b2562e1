package io.mlops.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.error.UserError;
import io.mlops.eval.gate.GateResult;
import io.mlops.eval.gate.Verdict;
import io.mlops.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a pull-request report needs from the {@code report.json} of {@code mlops evaluate --report DIR}:
 * the model, the data, the metrics and the gates' verdict. Read by name, so that a report written by an
 * older or newer suite (with more or fewer details) still reads.
 *
 * @param model the model file's name
 * @param data the data spec
 * @param task the task, as written
 * @param samples samples in the metrics
 * @param metrics every metric by name, in the report's order
 * @param verdict the gates' outcome
 */
public record EvaluationSummary(
        String model, String data, String task, long samples, Map<String, Double> metrics, Verdict verdict) {
    private static final ObjectMapper JSON = Json.mapper();

    /** Copies the metrics. */
    public EvaluationSummary {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /**
     * Reads a report.
     *
     * @param fileOrDirectory a {@code report.json}, or the report directory holding one
     * @return the summary
     * @throws UserError when the file is missing, is no JSON, or is not an evaluation report
     */
    public static EvaluationSummary read(Path fileOrDirectory) {
        Path file = Files.isDirectory(fileOrDirectory) ? fileOrDirectory.resolve(ReportFiles.REPORT) : fileOrDirectory;
        JsonNode report;
        try {
            report = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UserError("cannot read the evaluation report " + file + ": " + e.getMessage(), e);
        }
        JsonNode metrics = report == null ? null : report.get("metrics");
        if (metrics == null || !metrics.isObject()) {
            throw new UserError(
                    file + " has no 'metrics' object: expected the report.json of `mlops evaluate --report DIR`");
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> metric : metrics.properties()) {
            values.put(metric.getKey(), number(file, "metric '" + metric.getKey() + "'", metric.getValue()));
        }
        return new EvaluationSummary(
                report.path("model").asText(""),
                report.path("data").asText(""),
                report.path("task").asText(""),
                report.path("samples").asLong(),
                values,
                verdict(file, report.path("verdict").path("results")));
    }

    /**
     * Whether every gate of the evaluation held.
     *
     * @return true when passed (and when there were no gates)
     */
    public boolean passed() {
        return verdict.passed();
    }

    private static Verdict verdict(Path file, JsonNode results) {
        List<GateResult> gates = new ArrayList<>();
        for (JsonNode result : results) {
            String gate = result.path("gate").asText("");
            gates.add(new GateResult(
                    gate,
                    result.path("metric").asText(""),
                    number(file, "gate '" + gate + "' value", result.path("value")),
                    result.path("comparison").asText(""),
                    number(file, "gate '" + gate + "' threshold", result.path("threshold")),
                    result.path("passed").asBoolean()));
        }
        return new Verdict(gates);
    }

    // Jackson writes NaN and infinities as strings; they stay what they are.
    private static double number(Path file, String what, JsonNode value) {
        if (value.isNumber()) {
            return value.asDouble();
        }
        if (value.isTextual() && (value.asText().equals("NaN") || value.asText().endsWith("Infinity"))) {
            return Double.parseDouble(value.asText());
        }
        throw new UserError(what + " in " + file + " is no number: " + value);
    }
}
