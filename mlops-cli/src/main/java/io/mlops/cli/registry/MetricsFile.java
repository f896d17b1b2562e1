package io.mlops.cli.registry;

import io.mlops.eval.EvaluationSummary;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads a version's evaluation metrics from the {@code report.json} that
 * {@code mlops evaluate --report DIR} writes (its {@code metrics} object), given the file or its
 * directory.
 */
final class MetricsFile {
    private MetricsFile() {}

    static Map<String, Double> read(Path fileOrDirectory) {
        return EvaluationSummary.read(fileOrDirectory).metrics();
    }
}
