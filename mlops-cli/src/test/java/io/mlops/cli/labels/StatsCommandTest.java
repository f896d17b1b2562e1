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

class StatsCommandTest {
    private static final double[] SHARES = {0.5, 0.2, 0.1, 0.1, 0.1};

    @TempDir
    Path dir;

    private Cli cli;
    private Path labels;

    @BeforeEach
    void dataset() {
        cli = new Cli(dir.resolve("home"));
        labels = Datasets.coco(dir.resolve("data"), SHARES, 10, 5, 3);
    }

    @Test
    void shouldDescribeALabelFile() {
        Cli.Run run = cli.run("data", "labels", "stats", "coco:" + labels);

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out())
                .contains("images             10 (10 annotated)")
                .contains("objects            50 (0 with outlines)")
                .contains("64x48 (10)")
                .contains("classes (5):")
                .contains("car");
    }

    @Test
    void shouldWriteTheHtmlCard() throws IOException {
        Path page = dir.resolve("out/card.html");

        Cli.Run run = cli.run("data", "labels", "stats", "coco:" + labels, "--html", page.toString());

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.err()).contains("wrote " + page);
        assertThat(Files.readString(page))
                .startsWith("<!DOCTYPE html>")
                .contains("<svg")
                .contains("bicycle");
    }

    @Test
    void shouldShowTheCardRecordedWithASnapshotAsJson() throws IOException {
        Cli.Run snapshot = cli.run(
                "data", "snapshot", dir.resolve("data").toString(), "--labels", "coco:" + labels, "--name", "v1");
        assertThat(snapshot.status()).as(snapshot.err()).isZero();

        Cli.Run run = cli.run("data", "labels", "stats", "v1", "--json");

        assertThat(run.status()).as(run.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("snapshot").asText()).isEqualTo(snapshot.out().strip());
        assertThat(json.get("card").get("objects").asInt()).isEqualTo(50);
        assertThat(json.get("labels").asText()).isEqualTo("coco:" + labels);
    }

    @Test
    void shouldSayWhenASnapshotHasNoCard() {
        cli.run("data", "snapshot", dir.resolve("data").toString(), "--name", "plain");

        Cli.Run run = cli.run("data", "labels", "stats", "plain");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("snapshot plain has no dataset card");
    }
}
