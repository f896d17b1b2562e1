package io.mlops.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlops.registry.Change;
import io.mlops.registry.JdbcModelRegistry;
import io.mlops.registry.ModelRegistry;
import io.mlops.registry.http.MlflowRegistryFilter;
import io.mlops.store.Database;
import io.mlops.store.Migrations;
import io.mlops.store.StoreUrl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry protocol's answers to requests that go wrong, in MLflow's error shape. */
class MlflowRegistryProtocolTest {
    @TempDir
    Path directory;

    private ModelRegistry registry;
    private TrackingServer server;
    private Http http;

    @BeforeEach
    void start() throws IOException {
        Database database = Database.open(StoreUrl.sqlite(directory.resolve("mlops.db")), Migrations.suite());
        registry = new JdbcModelRegistry(database);
        server = TrackingServer.start(
                database, directory.resolve("blobs"), new MlflowRegistryFilter(registry, List.of(directory)));
        http = new Http(server.uri());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private void createModelWithVersion() throws IOException {
        Path file = Files.writeString(directory.resolve("m.onnx"), "bytes");
        assertThat(http.postJson("/api/2.0/mlflow/registered-models/create", "{\"name\": \"persons\"}")
                        .status())
                .isEqualTo(200);
        assertThat(http.postJson(
                                "/api/2.0/mlflow/model-versions/create",
                                "{\"name\": \"persons\", \"source\": \"" + file + "\"}")
                        .status())
                .isEqualTo(200);
    }

    @Test
    void shouldAnswerAnUnknownModelWithResourceDoesNotExist() {
        Http.Answer answer = http.get("/api/2.0/mlflow/registered-models/get?name=nobody");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.json().get("error_code").asText()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
        assertThat(answer.json().get("message").asText()).isEqualTo("no registered model named 'nobody'");
    }

    @Test
    void shouldAnswerADuplicateModelWithResourceAlreadyExists() throws IOException {
        createModelWithVersion();

        Http.Answer answer = http.postJson("/api/2.0/mlflow/registered-models/create", "{\"name\": \"persons\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("error_code").asText()).isEqualTo("RESOURCE_ALREADY_EXISTS");
    }

    @Test
    void shouldRefuseABadAliasNameAndAnArchivedTarget() throws IOException {
        createModelWithVersion();
        http.postJson(
                "/api/2.0/mlflow/model-versions/create",
                "{\"name\": \"persons\", \"source\": \"" + directory.resolve("m.onnx") + "\"}");
        registry.archive("persons", 1, Change.by("alice"));

        Http.Answer badName = http.postJson(
                "/api/2.0/mlflow/registered-models/alias",
                "{\"name\": \"persons\", \"alias\": \"prod uction\", \"version\": \"2\"}");
        Http.Answer archived = http.postJson(
                "/api/2.0/mlflow/registered-models/alias",
                "{\"name\": \"persons\", \"alias\": \"production\", \"version\": \"1\"}");

        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.json().get("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(badName.json().get("message").asText()).contains("'prod uction' is no valid alias name");
        assertThat(archived.status()).isEqualTo(400);
        assertThat(archived.json().get("message").asText()).endsWith("that version is archived");
    }

    @Test
    void shouldRefuseASourceItCannotHash() throws IOException {
        createModelWithVersion();

        Http.Answer answer = http.postJson(
                "/api/2.0/mlflow/model-versions/create",
                "{\"name\": \"persons\", \"source\": \"s3://bucket/model.onnx\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("message").asText()).startsWith("Unsupported model version source 's3://");
        assertThat(registry.versions("persons")).hasSize(1);
    }

    @Test
    void shouldRefuseAModelFileOutsideTheServersModelDirectories() throws IOException {
        createModelWithVersion();
        Path outside = Files.writeString(Files.createTempFile("outside", ".onnx"), "secret");
        try {
            Http.Answer answer = http.postJson(
                    "/api/2.0/mlflow/model-versions/create",
                    "{\"name\": \"persons\", \"source\": \"" + outside + "\"}");

            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.json().get("message").asText()).contains("is not a readable file in the directories");
            assertThat(registry.versions("persons")).hasSize(1);
        } finally {
            Files.delete(outside);
        }
    }

    @Test
    void shouldAnswerAMissingFileAndAForbiddenFileAlike() throws IOException {
        // Otherwise the answers are an oracle for which paths exist on the server.
        createModelWithVersion();
        Path outside = Files.writeString(Files.createTempFile("outside", ".onnx"), "secret");
        Path missingOutside = outside.resolveSibling("missing-" + outside.getFileName());
        Path missingInside = directory.resolve("missing.onnx");
        try {
            List<String> messages = new java.util.ArrayList<>();
            for (Path source : List.of(outside, missingOutside, missingInside)) {
                Http.Answer answer = http.postJson(
                        "/api/2.0/mlflow/model-versions/create",
                        "{\"name\": \"persons\", \"source\": \"" + source + "\"}");
                assertThat(answer.status()).isEqualTo(400);
                messages.add(answer.json().get("message").asText().replace(source.toString(), "FILE"));
            }
            assertThat(messages).containsOnly(messages.get(0));
            assertThat(messages.get(0)).doesNotContain("NoSuchFile").doesNotContain(directory.toString());
        } finally {
            Files.delete(outside);
        }
    }

    @Test
    void shouldAnswerAWrongMethodWith405AndPassTrackingRequestsOn() {
        assertThat(http.get("/api/2.0/mlflow/registered-models/create").status())
                .isEqualTo(405);
        assertThat(http.get("/api/2.0/mlflow/registered-models/nothing").status())
                .isEqualTo(404);
        assertThat(http.get("/api/2.0/mlflow/experiments/get?experiment_id=0").status())
                .isEqualTo(200);
    }
}
