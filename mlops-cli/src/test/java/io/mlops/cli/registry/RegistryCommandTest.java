package io.mlops.cli.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mlops registry}: register, alias, roll back, audit, and the errors people meet. */
class RegistryCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private String store;
    private Path first;
    private Path second;

    @BeforeEach
    void writeModelFiles() throws Exception {
        store = "sqlite:" + directory.resolve("registry.db");
        first = Files.writeString(directory.resolve("first.onnx"), "first model bytes");
        second = Files.writeString(directory.resolve("second.onnx"), "second model bytes");
    }

    private int mlops(String... arguments) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        List<String> all =
                new ArrayList<>(List.of("--home", directory.resolve("home").toString()));
        all.addAll(List.of(arguments));
        return Main.run(
                all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err), Map.of("USER", "alice"));
    }

    @Test
    void shouldRegisterMoveRollBackAndAudit() throws Exception {
        assertThat(mlops("registry", "register", "persons", "--file", first.toString(), "--store", store))
                .as(err.toString())
                .isZero();
        assertThat(out.toString().strip()).isEqualTo("1");

        assertThat(mlops(
                        "registry",
                        "alias",
                        "persons",
                        "production",
                        "1",
                        "--reason",
                        "first release",
                        "--store",
                        store))
                .as(err.toString())
                .isZero();
        assertThat(out.toString().strip()).isEqualTo("persons: production -> v1");

        assertThat(mlops(
                        "--json",
                        "registry",
                        "register",
                        "persons",
                        "--file",
                        second.toString(),
                        "--description",
                        "bigger",
                        "--store",
                        store))
                .as(err.toString())
                .isZero();
        JsonNode registered = JSON.readTree(out.toString());
        assertThat(registered.get("version").asInt()).isEqualTo(2);
        assertThat(registered.get("description").asText()).isEqualTo("bigger");
        assertThat(registered.get("createdBy").asText()).isEqualTo("alice");
        assertThat(registered.get("source").get("uri").asText()).isEqualTo(second.toString());

        assertThat(mlops("registry", "alias", "persons", "production", "2", "--reason", "better mAP", "--store", store))
                .as(err.toString())
                .isZero();
        assertThat(out.toString().strip()).isEqualTo("persons: production -> v2 (was v1)");

        assertThat(mlops("registry", "show", "persons", "--store", store))
                .as(err.toString())
                .isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines.get(0)).isEqualTo("model persons, aliases: production=v2");
        assertThat(lines.get(1)).startsWith("VERSION").contains("STATUS", "SHA256", "RUN", "SNAPSHOTS", "ALIASES");
        assertThat(lines.get(2))
                .startsWith("v1")
                .contains("READY", first.toString())
                .doesNotContain("production");
        assertThat(lines.get(3)).startsWith("v2").contains("READY", "production", second.toString());

        assertThat(mlops(
                        "registry",
                        "rollback",
                        "persons",
                        "production",
                        "--reason",
                        "v2 misses people",
                        "--store",
                        store))
                .as(err.toString())
                .isZero();
        assertThat(out.toString().strip()).isEqualTo("persons: production rolled back to v1 (was v2)");

        assertThat(mlops("registry", "list", "--store", store))
                .as(err.toString())
                .isZero();
        assertThat(out.toString().lines().toList().get(1)).startsWith("persons").contains("2", "production=v1");

        assertThat(mlops("registry", "audit", "persons", "--store", store))
                .as(err.toString())
                .isZero();
        List<String> audit = out.toString().lines().toList();
        assertThat(audit).hasSize(7);
        assertThat(audit.get(0)).startsWith("AT").contains("ACTOR", "ACTION", "REASON");
        assertThat(audit.get(1)).contains("alice", "MODEL_CREATED");
        assertThat(audit.get(2)).contains("VERSION_CREATED", "v1 from " + first);
        assertThat(audit.get(3)).contains("ALIAS_SET", "production -> v1", "first release");
        assertThat(audit.get(4)).contains("VERSION_CREATED", "v2 from " + second);
        assertThat(audit.get(5)).contains("ALIAS_SET", "production -> v1 => production -> v2", "better mAP");
        assertThat(audit.get(6))
                .contains("alice", "ALIAS_ROLLED_BACK", "production -> v2 => production -> v1", "v2 misses people");

        assertThat(mlops("--json", "registry", "audit", "persons", "--store", store))
                .as(err.toString())
                .isZero();
        JsonNode entries = JSON.readTree(out.toString());
        assertThat(entries).hasSize(6);
        assertThat(entries.get(5).get("action").asText()).isEqualTo("ALIAS_ROLLED_BACK");
        assertThat(entries.get(5).get("actor").asText()).isEqualTo("alice");
        assertThat(entries.get(5).get("reason").asText()).isEqualTo("v2 misses people");
        assertThat(entries.get(5).get("to").asText()).isEqualTo("production -> v1");

        assertThat(mlops("--json", "registry", "show", "persons", "--store", store))
                .as(err.toString())
                .isZero();
        JsonNode shown = JSON.readTree(out.toString());
        assertThat(shown.get("model").get("aliases").get("production").asInt()).isEqualTo(1);
        assertThat(shown.get("versions")).hasSize(2);

        assertThat(mlops("registry", "lineage", "persons", "1", "--store", store))
                .as(err.toString())
                .isZero();
        assertThat(out.toString()).contains("persons v1 (READY, aliases: production)", "run: -", first.toString());
    }

    @Test
    void shouldArchiveAVersionNoAliasPointsAt() {
        mlops("registry", "register", "persons", "--file", first.toString(), "--store", store);
        mlops("registry", "register", "persons", "--file", second.toString(), "--store", store);
        mlops("registry", "alias", "persons", "production", "2", "--reason", "release", "--store", store);

        assertThat(mlops("registry", "archive", "persons", "2", "--reason", "old", "--store", store))
                .isEqualTo(1);
        assertThat(err.toString()).contains("cannot archive version 2", "production");

        assertThat(mlops("registry", "archive", "persons", "1", "--reason", "superseded", "--store", store))
                .as(err.toString())
                .isZero();
        assertThat(out.toString().strip()).isEqualTo("persons: v1 ARCHIVED");
        assertThat(mlops("registry", "alias", "persons", "production", "1", "--reason", "back", "--store", store))
                .isEqualTo(1);
        assertThat(err.toString()).contains("archived");
    }

    @Test
    void shouldNameAnUnknownModel() {
        assertThat(mlops("registry", "show", "nobody", "--store", store)).isEqualTo(1);
        assertThat(err.toString().strip()).isEqualTo("mlops: error: no registered model named 'nobody'");

        assertThat(mlops("registry", "alias", "nobody", "production", "1", "--reason", "x", "--store", store))
                .isEqualTo(1);
        assertThat(err.toString()).contains("no registered model named 'nobody'");

        assertThat(mlops("registry", "audit", "nobody", "--store", store)).isEqualTo(1);
        assertThat(err.toString()).contains("no registered model named 'nobody'");
    }

    @Test
    void shouldNameAnUnknownVersion() {
        mlops("registry", "register", "persons", "--file", first.toString(), "--store", store);

        assertThat(mlops("registry", "alias", "persons", "production", "7", "--reason", "x", "--store", store))
                .isEqualTo(1);
        assertThat(err.toString()).contains("model 'persons' has no version 7");

        assertThat(mlops("registry", "lineage", "persons", "7", "--store", store))
                .isEqualTo(1);
        assertThat(err.toString()).contains("has no version 7");
    }

    @Test
    void shouldRefuseABadAliasName() {
        mlops("registry", "register", "persons", "--file", first.toString(), "--store", store);

        assertThat(mlops("registry", "alias", "persons", "prod uction", "1", "--reason", "x", "--store", store))
                .isEqualTo(1);
        assertThat(err.toString()).contains("'prod uction' is no valid alias name");
    }

    @Test
    void shouldRequireAReasonForChanges() {
        mlops("registry", "register", "persons", "--file", first.toString(), "--store", store);

        assertThat(mlops("registry", "alias", "persons", "production", "1", "--store", store))
                .isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option: '--reason=TEXT'");
        assertThat(mlops("registry", "rollback", "persons", "production", "--store", store))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--reason");
        assertThat(mlops("registry", "archive", "persons", "1", "--store", store))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--reason");
    }

    @Test
    void shouldRefuseAMissingFileAndUnknownRunWithoutCreatingTheModel() {
        assertThat(mlops(
                        "registry",
                        "register",
                        "persons",
                        "--file",
                        directory.resolve("missing.onnx").toString(),
                        "--store",
                        store))
                .isEqualTo(1);
        assertThat(err.toString()).contains("it is no file");

        assertThat(mlops(
                        "registry",
                        "register",
                        "persons",
                        "--file",
                        first.toString(),
                        "--run",
                        "0123456789abcdef0123456789abcdef",
                        "--store",
                        store))
                .isEqualTo(1);
        assertThat(mlops("registry", "show", "persons", "--store", store)).isEqualTo(1);
    }

    @Test
    void shouldSayWhoIsRecordedInHelp() {
        assertThat(mlops("registry", "alias", "--help")).isZero();
        assertThat(out.toString()).contains("$USER", "unknown", "--reason");
    }
}
