package io.mlops.cli.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.registry.AliasName;
import io.mlops.registry.AuditAction;
import io.mlops.registry.AuditEntry;
import io.mlops.registry.FileSource;
import io.mlops.registry.JdbcModelRegistry;
import io.mlops.registry.ModelRegistry;
import io.mlops.registry.ModelVersion;
import io.mlops.registry.http.MlflowRegistryFilter;
import io.mlops.store.Database;
import io.mlops.store.Migrations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real MLflow client registers and aliases a model against the server's registry protocol
 * (SQLite store; the registry itself is proven on PostgreSQL by mlops-core's contract).
 */
class MlflowRegistryAcceptanceTest {
    @TempDir
    Path directory;

    @Test
    void shouldRegisterAndAliasAModelWithTheMlflowClient() throws IOException {
        Path model = Files.writeString(directory.resolve("persons.onnx"), "not really onnx, but bytes to hash");
        Path script = PythonClient.script(directory, "register.py");
        Database database =
                Database.open(io.mlops.store.StoreUrl.sqlite(directory.resolve("mlops.db")), Migrations.suite());
        ModelRegistry registry = new JdbcModelRegistry(database);
        try (TrackingServer server = TrackingServer.start(
                database, directory.resolve("blobs"), new MlflowRegistryFilter(registry, List.of(directory)))) {
            PythonClient.Outcome outcome =
                    PythonClient.run(script, PythonClient.environment(server.uri()), model.toString(), "persons");

            assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
            JsonNode readback = outcome.readback();
            assertThat(readback.get("versions").toString()).isEqualTo("[\"1\",\"2\"]");
            assertThat(readback.get("by_alias").asText()).isEqualTo("2");
            assertThat(readback.get("aliases").toString()).isEqualTo("{\"production\":\"2\"}");
            assertThat(readback.get("description").asText()).isEqualTo("detects persons");
            assertThat(readback.get("first_description").asText()).isEqualTo("baseline");
            assertThat(readback.get("found").toString()).isEqualTo("[\"persons\"]");
            assertThat(readback.get("searched_versions").toString()).isEqualTo("[1,2]");
            assertThat(readback.get("download_uri").asText())
                    .isEqualTo(model.toAbsolutePath().toString());
            assertThat(readback.get("missing").asText()).isEqualTo("RESOURCE_DOES_NOT_EXIST");

            ModelVersion production = registry.versionByAlias("persons", new AliasName("production"));
            assertThat(production.version()).isEqualTo(2);
            assertThat(production.source().sha256()).isEqualTo(FileSource.sha256(model));
            assertThat(registry.audit("persons"))
                    .filteredOn(entry ->
                            entry.action() == AuditAction.ALIAS_SET || entry.action() == AuditAction.ALIAS_DELETED)
                    .extracting(AuditEntry::actor, AuditEntry::from, AuditEntry::to)
                    .containsExactly(
                            tuple("mlflow client at 127.0.0.1", null, "staging -> v1"),
                            tuple("mlflow client at 127.0.0.1", null, "production -> v1"),
                            tuple("mlflow client at 127.0.0.1", "production -> v1", "production -> v2"),
                            tuple("mlflow client at 127.0.0.1", "staging -> v1", null));
        }
    }
}
