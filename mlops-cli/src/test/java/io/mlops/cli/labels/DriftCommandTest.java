package io.mlops.cli.labels;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drift gate on real snapshots: a base dataset, a resample of the same class distribution
 * (new images, new random draws) and a shifted one in which dogs replaced most cars.
 */
class DriftCommandTest {
    private static final double[] BASE = {0.40, 0.30, 0.15, 0.10, 0.05};
    private static final double[] SHIFTED = {0.10, 0.30, 0.15, 0.40, 0.05};

    @TempDir
    Path dir;

    private Cli cli;
    private Path base;
    private Path resampled;
    private Path shifted;

    @BeforeEach
    void snapshots() {
        cli = new Cli(dir.resolve("home"));
        base = Datasets.coco(dir.resolve("base"), BASE, 100, 10, 11);
        resampled = Datasets.coco(dir.resolve("resampled"), BASE, 100, 10, 12);
        shifted = Datasets.coco(dir.resolve("shifted"), SHIFTED, 100, 10, 13);
        snapshot("base", base);
        snapshot("resampled", resampled);
        snapshot("shifted", shifted);
    }

    private void snapshot(String name, Path labels) {
        Cli.Run run = cli.run(
                "data", "snapshot", labels.getParent().toString(), "--labels", "coco:" + labels, "--name", name);
        assertThat(run.status()).as(run.err()).isZero();
    }

    @Test
    void shouldPassTheGateOnAResampledSnapshot() {
        Cli.Run run = cli.run("data", "labels", "drift", "base", "resampled", "--max-psi", "0.2");

        assertThat(run.status()).as(run.out() + run.err()).isZero();
        assertThat(run.out())
                .contains("label drift base -> resampled: 1,000 -> 1,000 labels")
                .doesNotContain("moved");
        assertThat(run.err()).contains("is within --max-psi 0.2");
    }

    @Test
    void shouldFailTheGateOnAShiftedSnapshotNamingTheClassesThatMoved() {
        Cli.Run run = cli.run("data", "labels", "drift", "base", "shifted", "--max-psi", "0.2");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err())
                .startsWith("mlops: error: label drift from base to shifted: PSI ")
                .contains("exceeds --max-psi 0.2; classes that moved: ")
                .contains("dog (")
                .contains("car (");
        assertThat(run.err()).doesNotContain("person (").doesNotContain("bus (");
        assertThat(run.out()).containsPattern("dog +\\d+ +\\d+ .*moved");
    }

    @Test
    void shouldCompareLabelFilesDirectly() {
        Cli.Run run = cli.run("data", "labels", "drift", "coco:" + base, "coco:" + shifted, "--max-psi", "0.2");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err()).contains("classes that moved");
    }

    @Test
    void shouldReportDriftAsJsonWithTheVerdict() throws IOException {
        Cli.Run run = cli.run("data", "labels", "drift", "base", "shifted", "--max-psi", "0.2", "--json");

        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.get("passed").asBoolean()).isFalse();
        assertThat(json.get("drift").get("psi").asDouble()).isGreaterThan(0.2);
        assertThat(json.get("drift").get("chiSquare").get("pValue").asDouble()).isLessThan(1e-6);
        assertThat(json.get("moved")).extracting(JsonNode::asText).containsExactlyInAnyOrder("car", "dog");
    }

    @Test
    void shouldReportWithoutAGateWhenNoLimitIsGiven() {
        Cli.Run run = cli.run("data", "labels", "drift", "base", "shifted");

        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("PSI ").contains("chi-square");
    }

    @Test
    void shouldTreatANonPositiveLimitAsAUsageError() {
        assertThat(cli.run("data", "labels", "drift", "base", "shifted", "--max-psi", "0")
                        .status())
                .isEqualTo(2);
    }
}
