package io.mlops.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.blob.LocalBlobStore;
import io.mlops.cli.Main;
import io.mlops.registry.JdbcModelRegistry;
import io.mlops.registry.ModelRegistry;
import io.mlops.registry.ModelVersion;
import io.mlops.registry.VersionFile;
import io.mlops.registry.http.MlflowRegistryFilter;
import io.mlops.store.Database;
import io.mlops.store.Migrations;
import io.mlops.store.StoreUrl;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registry versions that are MLflow model directories, with the stock client
 * ({@code register_models.py}): {@code mlflow.register_model} from {@code runs:/RUN/model}, from the
 * {@code models:/m-...} URI, from the logged model's {@code mlflow-artifacts:} location and from a
 * run's artifact directory; {@code models:/NAME@alias} and {@code models:/NAME/VERSION} load and
 * predict as the original; a version registered with {@code mlops registry register --file model.onnx}
 * loads with {@code mlflow.onnx.load_model}; bad sources get MLflow's error codes. Subclasses run it
 * on SQLite and PostgreSQL.
 */
abstract class ModelDirectoryAcceptance {
    @TempDir
    Path directory;

    abstract String newStore();

    @Test
    void shouldRegisterDownloadAndLoadModelDirectoriesWithTheStockClient() throws IOException {
        String store = newStore();
        Path onnx = directory.resolve("times3.onnx");
        PythonClient.Outcome written = PythonClient.run(
                PythonClient.script(directory, "write_onnx.py"), PythonClient.environment(), onnx.toString());
        assertThat(written.exitCode()).as(written.stderr()).isZero();
        cli("registry", "register", "--store", store, "--file", onnx.toString(), "times3");
        cli("registry", "alias", "--store", store, "--reason", "release", "times3", "production", "1");

        Database database = Database.open(StoreUrl.parse(store), Migrations.suite());
        ModelRegistry registry = new JdbcModelRegistry(database);
        Path blobs = directory.resolve("blobs");
        try (TrackingServer server = TrackingServer.start(
                database, blobs, new MlflowRegistryFilter(registry, List.of(directory), new LocalBlobStore(blobs)))) {
            PythonClient.Outcome outcome = PythonClient.run(
                    PythonClient.script(directory, "register_models.py"),
                    PythonClient.environment(server.uri()),
                    "iris",
                    "times3");

            assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
            JsonNode readback = outcome.readback();
            readback.get("checks")
                    .fields()
                    .forEachRemaining(check -> assertThat(check.getValue().asBoolean())
                            .as("predictions of the version loaded " + check.getKey())
                            .isTrue());
            assertThat(readback.get("onnx_times3").asBoolean()).isTrue();
            assertThat(readback.get("onnx_pyfunc").asBoolean()).isTrue();
            String runId = readback.get("run_id").asText();
            readback.get("run_ids").forEach(id -> assertThat(id.asText()).isEqualTo(runId));
            assertThat(readback.get("download_uri").asText()).isEqualTo("mlflow-artifacts:/registry/aXJpcw/1");
            assertThat(readback.get("downloaded").toString()).contains("MLmodel", "requirements.txt");
            assertThat(readback.get("errors").toString())
                    .isEqualTo("{\"escape\":\"INVALID_PARAMETER_VALUE\",\"absolute\":\"INVALID_PARAMETER_VALUE\","
                            + "\"nul\":\"INVALID_PARAMETER_VALUE\",\"no_mlmodel\":\"INVALID_PARAMETER_VALUE\","
                            + "\"unknown_logged_model_source\":\"RESOURCE_DOES_NOT_EXIST\","
                            + "\"unknown_logged_model\":\"RESOURCE_DOES_NOT_EXIST\",\"finalized_twice\":\"READY\"}");

            for (int number = 1; number <= 4; number++) {
                ModelVersion version = registry.version("iris", number);
                assertThat(version.runId()).isEqualTo(runId);
                assertThat(registry.versionFiles("iris", number))
                        .extracting(VersionFile::path)
                        .contains("MLmodel");
            }
            assertThat(registry.versionFiles("times3", 1)).isEmpty();
        }
    }

    private void cli(String... arguments) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] withHome = new String[arguments.length + 2];
        withHome[0] = "--home";
        withHome[1] = directory.resolve("home").toString();
        System.arraycopy(arguments, 0, withHome, 2, arguments.length);
        int status = Main.run(withHome, new PrintWriter(out), new PrintWriter(err), PythonClient.environment());
        assertThat(status).as(err.toString()).isZero();
    }
}
