package io.mlops.cli.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.cli.labels.Cli;
import io.mlops.cli.labels.Datasets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mlops data snapshot PATH --labels FORMAT:PATH}. */
class SnapshotLabelsTest {
    @TempDir
    Path dir;

    private Cli cli;
    private Path data;
    private Path labels;

    @BeforeEach
    void dataset() {
        cli = new Cli(dir.resolve("home"));
        data = dir.resolve("data");
        labels = Datasets.coco(data, new double[] {0.2, 0.2, 0.2, 0.2, 0.2}, 5, 2, 5);
    }

    @Test
    void shouldValidateTheLabelsAndRecordTheirCard() throws IOException {
        Cli.Run run = cli.run("data", "snapshot", data.toString(), "--labels", "coco:" + labels, "--name", "v1");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out().strip()).matches("[0-9a-f]{32}");
        assertThat(run.err())
                .contains("labels coco:" + labels + ": 5 images, 10 objects, 5 classes; 0 warnings; card ")
                .contains(" recorded");
        JsonNode json = new ObjectMapper()
                .readTree(cli.run("--json", "data", "labels", "stats", "v1").out());
        assertThat(json.get("card").get("images").asInt()).isEqualTo(5);
    }

    @Test
    void shouldRecordNothingWhenTheLabelsHaveErrors() throws IOException {
        Files.delete(data.resolve("img3.png"));

        Cli.Run run = cli.run("data", "snapshot", data.toString(), "--labels", "coco:" + labels, "--name", "v1");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).contains("[image-missing]").contains("img3.png");
        assertThat(run.err()).contains("has 1 error").contains("no snapshot was taken");
        assertThat(cli.run("data", "list").out()).doesNotContain("v1");
    }

    @Test
    void shouldStopOnWarningsWithStrict() throws IOException {
        Files.writeString(labels, Files.readString(labels).replace("\"name\": \"bus\"", "\"name\": \"BUS\""));
        Files.writeString(labels, Files.readString(labels).replace("\"name\": \"dog\"", "\"name\": \"Bus\""));

        Cli.Run lenient = cli.run("data", "snapshot", data.toString(), "--labels", "coco:" + labels);
        Cli.Run strict = cli.run("data", "snapshot", data.toString(), "--labels", "coco:" + labels, "--strict");

        assertThat(lenient.status()).as(lenient.err()).isZero();
        assertThat(lenient.err()).contains("; 1 warning; card");
        assertThat(strict.status()).isEqualTo(1);
    }

    @Test
    void shouldTreatLabelOptionsWithoutLabelsAsAUsageError() {
        assertThat(cli.run("data", "snapshot", data.toString(), "--strict").status())
                .isEqualTo(2);
    }
}
