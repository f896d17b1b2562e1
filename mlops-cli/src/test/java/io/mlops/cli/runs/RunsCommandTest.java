package io.mlops.cli.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.cli.Main;
import io.mlops.store.Database;
import io.mlops.store.Migrations;
import io.mlops.store.StoreUrl;
import io.mlops.tracking.JdbcTrackingStore;
import io.mlops.tracking.Metric;
import io.mlops.tracking.NewRun;
import io.mlops.tracking.Param;
import io.mlops.tracking.RunStatus;
import io.mlops.tracking.Tag;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mlops runs list|show|compare} over a store with two runs of one experiment. */
class RunsCommandTest {
    @TempDir
    Path directory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private String store;
    private String first;
    private String second;

    @BeforeEach
    void recordTwoRuns() {
        store = "sqlite:" + directory.resolve("runs.db");
        try (Database database = Database.open(StoreUrl.parse(store), Migrations.suite())) {
            JdbcTrackingStore tracking = new JdbcTrackingStore(database);
            String experiment = tracking.createExperiment("vision", List.of());
            first = tracking.createRun(new NewRun(experiment, "alice", 1_000, "baseline", List.of()))
                    .id();
            tracking.logBatch(
                    first,
                    List.of(new Metric("loss", 0.5, 1, 9)),
                    List.of(new Param("lr", "0.01"), new Param("epochs", "10")),
                    List.of(new Tag("team", "ml")));
            tracking.updateRun(first, RunStatus.FINISHED, 61_000L, null);
            second = tracking.createRun(new NewRun(experiment, "bob", 2_000, "bigger-lr", List.of()))
                    .id();
            tracking.logBatch(
                    second,
                    List.of(new Metric("loss", 0.4, 1, 9)),
                    List.of(new Param("lr", "0.1"), new Param("epochs", "10")),
                    List.of());
        }
    }

    private int mlops(String... arguments) {
        List<String> all =
                new ArrayList<>(List.of("--home", directory.resolve("home").toString()));
        all.addAll(List.of(arguments));
        return Main.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err), Map.of());
    }

    @Test
    void shouldListRunsNewestFirst() throws Exception {
        assertThat(mlops("runs", "list", "--store", store)).as(err.toString()).isZero();

        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).startsWith("RUN ID");
        assertThat(lines.get(1)).startsWith(second).contains("bigger-lr", "RUNNING", "vision");
        assertThat(lines.get(2)).startsWith(first).contains("baseline", "FINISHED", "60.0 s");

        out.getBuffer().setLength(0);
        assertThat(mlops("--json", "runs", "list", "--store", store, "--filter", "params.lr = '0.1'"))
                .isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json).hasSize(1);
        assertThat(json.at("/0/info/runId").asText()).isEqualTo(second);
    }

    @Test
    void shouldShowARunByAPrefixOfItsId() {
        assertThat(mlops("runs", "show", "--store", store, first.substring(0, 8)))
                .as(err.toString())
                .isZero();

        assertThat(out.toString())
                .contains("run " + first + " (baseline)")
                .contains("experiment vision, FINISHED")
                .containsPattern("lr\\s+0\\.01")
                .containsPattern("loss\\s+0\\.5 \\(step 9\\)")
                .containsPattern("team\\s+ml");
    }

    @Test
    void shouldCompareParamsAndFinalMetricsSideBySide() {
        assertThat(mlops("runs", "compare", "--store", store, first, second))
                .as(err.toString())
                .isZero();

        String text = out.toString();
        assertThat(text).contains("baseline").contains("bigger-lr");
        assertThat(text).containsPattern("\\* lr\\s+0\\.01\\s+0\\.1");
        assertThat(text).containsPattern("  epochs\\s+10\\s+10");
        assertThat(text).containsPattern("\\* loss\\s+0\\.5\\s+0\\.4");
    }

    @Test
    void shouldExplainBadRunReferences() {
        assertThat(mlops("runs", "show", "--store", store, "ffffffff")).isEqualTo(1);
        assertThat(err.toString()).contains("no run with id or prefix 'ffffffff'");
        assertThat(mlops("runs", "show", "--store", store, "x!")).isEqualTo(1);
        assertThat(mlops("runs", "compare", "--store", store, first)).isEqualTo(2);
        assertThat(mlops("runs", "list", "--store", store, "--experiment", "nope"))
                .isEqualTo(1);
        assertThat(err.toString()).contains("no experiment named 'nope'");
    }
}
