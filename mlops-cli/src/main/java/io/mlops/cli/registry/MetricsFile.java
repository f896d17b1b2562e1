package io.mlops.cli.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.error.UserError;
import io.mlops.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a version's evaluation metrics from the {@code report.json} that
 * {@code mlops evaluate --report DIR} writes (its {@code metrics} object), given the file or its
 * directory.
 */
final class MetricsFile {
    private static final ObjectMapper JSON = Json.mapper();
    private static final String REPORT = "report.json";

    private MetricsFile() {}

    static Map<String, Double> read(Path fileOrDirectory) {
        Path file = Files.isDirectory(fileOrDirectory) ? fileOrDirectory.resolve(REPORT) : fileOrDirectory;
        JsonNode report;
        try {
            report = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UserError("cannot read the evaluation report " + file + ": " + e.getMessage(), e);
        }
        JsonNode metrics = report == null ? null : report.get("metrics");
        if (metrics == null || !metrics.isObject()) {
            throw new UserError(
                    file + " has no 'metrics' object: expected the report.json of" + " `mlops evaluate --report DIR`");
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> metric : metrics.properties()) {
            values.put(metric.getKey(), number(file, metric.getKey(), metric.getValue()));
        }
        return values;
    }

    // Jackson writes NaN and infinities as strings; they stay what they are.
    private static double number(Path file, String key, JsonNode value) {
        if (value.isNumber()) {
            return value.asDouble();
        }
        if (value.isTextual() && (value.asText().equals("NaN") || value.asText().endsWith("Infinity"))) {
            return Double.parseDouble(value.asText());
        }
        throw new UserError("metric '" + key + "' in " + file + " is no number: " + value);
    }
}
