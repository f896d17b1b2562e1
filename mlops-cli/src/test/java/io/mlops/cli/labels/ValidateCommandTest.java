package io.mlops.cli.labels;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
    private static final double[] EVEN = {0.2, 0.2, 0.2, 0.2, 0.2};

    @TempDir
    Path dir;

    private Cli cli;
    private Path labels;

    @BeforeEach
    void dataset() {
        cli = new Cli(dir.resolve("home"));
        labels = Datasets.coco(dir.resolve("data"), EVEN, 4, 3, 1);
    }

    @Test
    void shouldPassCleanLabelsWithStatusZero() {
        Cli.Run run = cli.run("data", "labels", "validate", "coco:" + labels);

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("4 images, 12 objects, 0 image labels, 5 categories")
                .contains(": passed");
    }

    @Test
    void shouldFailWithStatusOneAndNameTheFindingsWhere() throws IOException {
        Files.delete(dir.resolve("data/img2.png"));

        Cli.Run run = cli.run("data", "labels", "validate", "coco:" + labels);

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out())
                .contains("error   [image-missing] " + labels + ":1:")
                .contains("image 2 'img2.png': image file not found")
                .contains("1 error, 0 warnings");
        assertThat(run.err()).isEqualTo("mlops: error: coco:" + labels + " has 1 error\n");
    }

    @Test
    void shouldTurnWarningsIntoErrorsWithStrict() throws IOException {
        Files.writeString(labels, Files.readString(labels).replace("\"name\": \"bus\"", "\"name\": \"Car \""));

        Cli.Run lenient = cli.run("data", "labels", "validate", "coco:" + labels);
        Cli.Run strict = cli.run("data", "labels", "validate", "--strict", "coco:" + labels);

        assertThat(lenient.status()).isZero();
        assertThat(lenient.out()).contains("warning [category-name-variant]");
        assertThat(strict.status()).isEqualTo(1);
        assertThat(strict.out())
                .contains("error   [category-name-variant]")
                .contains("strict: warnings count as errors");
    }

    @Test
    void shouldPrintTheReportAsJson() throws IOException {
        Cli.Run run = cli.run("data", "labels", "validate", "--json", "coco:" + labels);

        JsonNode report = new ObjectMapper().readTree(run.out());
        assertThat(report.get("images").asInt()).isEqualTo(4);
        assertThat(report.get("annotations").asInt()).isEqualTo(12);
        assertThat(report.get("errors").asInt()).isZero();
        assertThat(report.get("findings").isArray()).isTrue();
    }

    @Test
    void shouldNameFileAndPositionOfMalformedJson() throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"images\": [\n{\"id\": 1,]}");

        Cli.Run run = cli.run("data", "labels", "validate", "coco:" + broken);

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).startsWith("mlops: error: " + broken + ":2:").contains("malformed JSON");
        assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void shouldRefuseAnUnknownFormatOrAPathWithoutFormat() {
        Cli.Run unknown = cli.run("data", "labels", "validate", "cocoa:" + labels);
        Cli.Run bare = cli.run("data", "labels", "validate", labels.toString());

        assertThat(unknown.status()).isEqualTo(1);
        assertThat(unknown.err()).contains("unknown label format 'cocoa'").contains("coco, yolo, voc");
        assertThat(bare.status()).isEqualTo(1);
        assertThat(bare.err()).contains("labels must be given as FORMAT:PATH");
    }

    @Test
    void shouldCheckTheLabelsAloneWhenAskedTo() throws IOException {
        Files.delete(dir.resolve("data/img2.png"));

        Cli.Run run = cli.run("data", "labels", "validate", "--labels-only", "coco:" + labels);

        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("(image files not opened)");
    }

    @Test
    void shouldTreatANegativeExampleCountAsAUsageError() {
        Cli.Run run = cli.run("data", "labels", "validate", "--examples", "-1", "coco:" + labels);

        assertThat(run.status()).isEqualTo(2);
    }
}
