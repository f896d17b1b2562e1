package io.mlops.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.cli.Main;
import io.mlops.store.Database;
import io.mlops.store.Migrations;
import io.mlops.store.StoreUrl;
import io.mlops.tracking.JdbcTrackingStore;
import io.mlops.tracking.LoggedModel;
import io.mlops.tracking.LoggedModelStatus;
import io.mlops.tracking.RunStatus;
import io.mlops.tracking.TrackingStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MLflow 3 model logging with the stock client ({@code log_models.py}): {@code log_model} of the
 * sklearn, onnx and pyfunc flavors and {@code sklearn.autolog()} with its defaults, each loaded back
 * by {@code runs:/RUN/NAME} and by the {@code models:/m-...} URI and predicting as the original,
 * against the server and under {@code mlops track}. Subclasses run it on SQLite and PostgreSQL.
 */
abstract class LoggedModelAcceptance {
    @TempDir
    Path directory;

    /**
     * A fresh, empty store, as users would write its URL.
     *
     * @return the URL
     */
    abstract String newStore();

    @Test
    void shouldLogAndLoadModelsOfEveryFlavorAgainstTheServer() throws IOException {
        Path script = PythonClient.script(directory, "log_models.py");
        try (TrackingServer server = TrackingServer.start(
                Database.open(StoreUrl.parse(newStore()), Migrations.suite()), directory.resolve("blobs"))) {
            PythonClient.Outcome outcome =
                    PythonClient.run(script, PythonClient.environment(server.uri()), "logged-models");

            assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
            assertLogged(outcome.readback(), server.store());
        }
    }

    @Test
    void shouldLogAndLoadModelsUnderMlopsTrack() throws IOException {
        Path script = PythonClient.script(directory, "log_models.py");
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
                    "tracked-models",
                    "--",
                    PythonClient.python(),
                    script.toString(),
                    "tracked-models"
                },
                new PrintWriter(out),
                new PrintWriter(err),
                PythonClient.environment());

        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString()).contains("FINISHED, exit status 0");
        JsonNode readback = new PythonClient.Outcome(0, out.toString(), err.toString()).readback();
        try (Database database = Database.open(StoreUrl.parse(store), Migrations.suite())) {
            TrackingStore tracking = new JdbcTrackingStore(database);
            assertLogged(readback, tracking);
            assertThat(tracking.run(readback.get("run_id").asText()).info().status())
                    .isEqualTo(RunStatus.FINISHED);
        }
    }

    private static void assertLogged(JsonNode readback, TrackingStore store) {
        JsonNode checks = readback.get("checks");
        assertThat(checks.size()).isEqualTo(8);
        checks.fields()
                .forEachRemaining(check -> assertThat(check.getValue().asBoolean())
                        .as("predictions of the model loaded by " + check.getKey())
                        .isTrue());
        String runId = readback.get("run_id").asText();
        for (JsonNode id : readback.get("model_ids")) {
            LoggedModel model = store.loggedModel(id.asText(), false);
            assertThat(model.status()).isEqualTo(LoggedModelStatus.LOGGED_MODEL_READY);
            assertThat(model.sourceRunId()).isEqualTo(runId);
            assertThat(model.artifactLocation())
                    .isEqualTo("mlflow-artifacts:/" + model.experimentId() + "/models/" + model.id() + "/artifacts");
            assertThat(store.modelArtifacts(model.id(), "MLmodel")).hasSize(1);
        }
        assertThat(readback.get("model_uri").asText())
                .isEqualTo("models:/" + readback.at("/model_ids/0").asText());
        assertThat(readback.get("status").asText()).isEqualTo("READY");
        assertThat(readback.get("files").toString()).contains("MLmodel", "requirements.txt");
        assertThat(readback.get("autolog_params").toString()).contains("max_iter");
        assertThat(readback.get("autolog_metrics").toString()).contains("training_accuracy_score");
        assertThat(readback.get("autolog_models").toString()).contains("model");
    }
}
