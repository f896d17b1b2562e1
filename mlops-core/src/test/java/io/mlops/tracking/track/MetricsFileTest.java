package io.mlops.tracking.track;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlops.tracking.Metric;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsFileTest {
    @TempDir
    Path directory;

    private final List<String> warnings = new ArrayList<>();

    private MetricsFile open(Path file) {
        return new MetricsFile(file, () -> 42L, warnings::add);
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    @Test
    void shouldReadEachCompletedLineOnce() throws IOException {
        Path file = directory.resolve("metrics.jsonl");
        MetricsFile metrics = open(file);
        append(file, "{\"step\": 1, \"loss\": 0.5, \"accuracy\": 0.75}\n{\"timestamp\": 7, \"loss\": 0.25");

        List<Metric> first = metrics.readNew();
        append(file, ", \"step\": 2}\n");
        List<Metric> second = metrics.readNew();

        assertThat(first).containsExactly(new Metric("loss", 0.5, 42, 1), new Metric("accuracy", 0.75, 42, 1));
        assertThat(second).containsExactly(new Metric("loss", 0.25, 7, 2));
        assertThat(metrics.readNew()).isEmpty();
        assertThat(warnings).isEmpty();
    }

    @Test
    void shouldReadALastLineWithoutNewlineOnceTheCommandEnded() throws IOException {
        Path file = directory.resolve("metrics.jsonl");
        MetricsFile metrics = open(file);
        append(file, "{\"loss\": 1}");

        assertThat(metrics.readNew()).isEmpty();
        assertThat(metrics.readRest()).containsExactly(new Metric("loss", 1, 42, 0));
    }

    @Test
    void shouldSkipLinesThatAreNotMetricObjectsAndSaySo() throws IOException {
        Path file = directory.resolve("metrics.jsonl");
        MetricsFile metrics = open(file);
        append(file, "epoch 1 done\n[1, 2]\n{\"loss\": \"low\", \"acc\": NaN}\n\n");

        List<Metric> read = metrics.readNew();

        assertThat(read).hasSize(1);
        assertThat(read.getFirst().key()).isEqualTo("acc");
        assertThat(read.getFirst().value()).isNaN();
        assertThat(warnings)
                .hasSize(3)
                .allSatisfy(warning -> assertThat(warning).startsWith("MLOPS_METRICS_FILE line "))
                .anySatisfy(warning -> assertThat(warning).startsWith("MLOPS_METRICS_FILE line 1 is not JSON"))
                .anySatisfy(warning -> assertThat(warning).contains("line 3 has a value for 'loss'"));
    }

    @Test
    void shouldReadNothingBeforeTheFileExists() throws IOException {
        assertThat(open(directory.resolve("missing.jsonl")).readNew()).isEmpty();
    }
}
