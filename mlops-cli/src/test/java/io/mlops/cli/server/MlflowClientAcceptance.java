package io.mlops.cli.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.blob.Blob;
import io.mlops.cli.Main;
import io.mlops.store.Database;
import io.mlops.store.Migrations;
import io.mlops.store.StoreUrl;
import io.mlops.tracking.Experiment;
import io.mlops.tracking.JdbcTrackingStore;
import io.mlops.tracking.Metric;
import io.mlops.tracking.NewRun;
import io.mlops.tracking.Param;
import io.mlops.tracking.Run;
import io.mlops.tracking.RunContext;
import io.mlops.tracking.RunStatus;
import io.mlops.tracking.StoredArtifact;
import io.mlops.tracking.TrackingStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance with the real MLflow client: a training script that uses only MLflow's stock API
 * runs against {@code mlops server} and under {@code mlops track}, and the store holds what it
 * logged. Subclasses run it on SQLite and on PostgreSQL.
 */
abstract class MlflowClientAcceptance {
    @TempDir
    Path directory;

    /**
     * A fresh, empty store, as users would write its URL.
     *
     * @return the URL
     */
    abstract String newStore();

    private TrackingServer serve(String store) throws IOException {
        return TrackingServer.start(
                Database.open(StoreUrl.parse(store), Migrations.suite()), directory.resolve("blobs"));
    }

    @Test
    void shouldRecordATrainingScriptThatTalksToTheServer() throws IOException {
        Path script = PythonClient.script(directory, "train.py");
        try (TrackingServer server = serve(newStore())) {
            PythonClient.Outcome outcome =
                    PythonClient.run(script, PythonClient.environment(server.uri()), "acceptance");

            assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
            JsonNode readback = outcome.readback();
            Run run = server.store().run(readback.get("run_id").asText());
            assertTrainingRecorded(server.store(), server, run, "acceptance");
            assertReadBack(readback, run);
            assertThat(run.tag("mlflow.source.name"))
                    .hasValueSatisfying(source -> assertThat(source).endsWith("train.py"));
        }
    }

    @Test
    void shouldRecordATrainingScriptRunUnderMlopsTrack() throws IOException {
        Path script = PythonClient.script(directory, "train.py");
        String store = newStore();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int status = Main.run(
                new String[] {
                    "--home",
                    directory.resolve("home").toString(),
                    "track",
                    "--store",
                    store,
                    "--artifacts",
                    directory.resolve("blobs").toString(),
                    "--experiment",
                    "tracked-acceptance",
                    "--name",
                    "tracked-run",
                    "--sample-interval",
                    "0.2",
                    "--",
                    PythonClient.python(),
                    script.toString(),
                    "tracked-acceptance"
                },
                new PrintWriter(out),
                new PrintWriter(err),
                PythonClient.environment());

        assertThat(status).as(err.toString()).isZero();
        JsonNode readback = new PythonClient.Outcome(0, out.toString(), err.toString()).readback();
        assertThat(out.toString())
                .contains("run " + readback.get("run_id").asText() + " (tracked-run)")
                .contains("FINISHED, exit status 0")
                .contains("config/model.json");
        try (Database database = Database.open(StoreUrl.parse(store), Migrations.suite())) {
            TrackingStore tracking = new JdbcTrackingStore(database);
            Run run = tracking.run(readback.get("run_id").asText());
            assertThat(run.info().runName()).isEqualTo("tracked-run");
            assertTrainingRecorded(tracking, null, run, "tracked-acceptance");
            assertReadBack(readback, run);
            RunContext context = run.context();
            assertThat(context.source()).contains(script.toString());
            assertThat(context.host()).isNotNull();
            assertThat(context.host().cpus()).isEqualTo(Runtime.getRuntime().availableProcessors());
            assertThat(context.git())
                    .as("the tests run inside the repository's Git work tree")
                    .isNotNull();
            assertThat(tracking.metricHistory(run.id(), "system/system_memory_usage_megabytes", null, null)
                            .items())
                    .isNotEmpty();
            assertThat(err.toString()).doesNotContain("MLFLOW_TRACKING_TOKEN=");
        }
    }

    @Test
    void shouldLoseNothingWhenTwoProcessesLogToOneRun() throws IOException {
        Path script = PythonClient.script(directory, "log_concurrently.py");
        try (TrackingServer server = serve(newStore())) {
            String run = server.store()
                    .createRun(new NewRun("0", "alice", 1, null, List.of()))
                    .id();
            Map<String, String> environment = PythonClient.environment(server.uri());

            PythonClient.Running first = PythonClient.start(script, environment, run, "first", "5", "100");
            PythonClient.Running second = PythonClient.start(script, environment, run, "second", "5", "100");
            PythonClient.Outcome firstDone = first.await();
            PythonClient.Outcome secondDone = second.await();

            assertThat(firstDone.exitCode()).as(firstDone.stderr()).isZero();
            assertThat(secondDone.exitCode()).as(secondDone.stderr()).isZero();
            for (String key : List.of("first", "second")) {
                List<Metric> history =
                        server.store().metricHistory(run, key, null, null).items();
                assertThat(history).hasSize(5 * 200 + 100);
                assertThat(history).extracting(Metric::step).doesNotHaveDuplicates();
                assertThat(server.store().run(run).metric(key).orElseThrow().step())
                        .isEqualTo(5 * 200 + 99);
            }
            assertThat(server.store().run(run).params()).containsExactly(new Param("shared", "same"));
        }
    }

    private void assertTrainingRecorded(TrackingStore store, TrackingServer server, Run run, String experiment)
            throws IOException {
        Experiment found = store.experimentByName(experiment).orElseThrow();
        assertThat(run.info().experimentId()).isEqualTo(found.id());
        assertThat(run.info().status()).isEqualTo(RunStatus.FINISHED);
        assertThat(run.info().endTime())
                .isNotNull()
                .isGreaterThanOrEqualTo(run.info().startTime());
        assertThat(run.params())
                .containsExactly(
                        new Param("epochs", "5"), new Param("learning_rate", "0.01"), new Param("optimizer", "adam"));
        assertThat(store.metricHistory(run.id(), "loss", null, null).items())
                .extracting(Metric::step, Metric::value)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0L, 1.0),
                        org.assertj.core.groups.Tuple.tuple(1L, 0.5),
                        org.assertj.core.groups.Tuple.tuple(2L, 0.333333),
                        org.assertj.core.groups.Tuple.tuple(3L, 0.25),
                        org.assertj.core.groups.Tuple.tuple(4L, 0.2));
        Metric accuracy = run.metric("accuracy").orElseThrow();
        assertThat(accuracy.step()).isEqualTo(4);
        assertThat(accuracy.value()).isCloseTo(0.9, within(1e-12));
        assertThat(run.tag("team")).contains("vision");
        assertThat(run.tag("purpose")).contains("acceptance");
        assertThat(run.tag("mlflow.user")).isPresent();
        assertThat(store.artifacts(run.id(), ""))
                .extracting(StoredArtifact::path)
                .containsExactly("config/model.json", "notes.txt", "reports/notes.txt");
        Blob notes = store.artifact(run.id(), "reports/notes.txt").orElseThrow().blob();
        assertThat(notes.size()).isEqualTo("trained on the acceptance data\n".length());
        if (server != null) {
            try (InputStream in = server.blobs().open(notes.id())) {
                assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                        .isEqualTo("trained on the acceptance data\n");
            }
        }
    }

    private static void assertReadBack(JsonNode readback, Run run) {
        assertThat(readback.get("status").asText()).isEqualTo("FINISHED");
        assertThat(readback.get("experiment_id").asText()).isEqualTo(run.info().experimentId());
        assertThat(readback.at("/params/optimizer").asText()).isEqualTo("adam");
        assertThat(readback.at("/metrics/loss").doubleValue()).isEqualTo(0.2);
        assertThat(readback.at("/tags/team").asText()).isEqualTo("vision");
        assertThat(readback.get("history")).hasSize(5);
        assertThat(readback.at("/history/4/0").longValue()).isEqualTo(4);
        assertThat(readback.get("search").toString()).contains(run.id());
        assertThat(readback.get("artifacts").toString()).isEqualTo("[\"config\",\"notes.txt\",\"reports\"]");
        assertThat(readback.at("/model_json/layers").toString()).isEqualTo("[64,32]");
    }
}
