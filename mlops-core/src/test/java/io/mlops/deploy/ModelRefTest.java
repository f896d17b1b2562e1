package io.mlops.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.error.UserError;
import io.mlops.registry.AliasName;
import io.mlops.registry.Change;
import io.mlops.registry.FileSource;
import io.mlops.registry.JdbcModelRegistry;
import io.mlops.registry.ModelRegistry;
import io.mlops.registry.NewVersion;
import io.mlops.store.Database;
import io.mlops.store.Migrations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model references as people write them, resolved through a real registry. */
class ModelRefTest {
    private static final Change ALICE = Change.by("alice");

    @TempDir
    Path directory;

    private Database database;
    private ModelRegistry registry;

    @BeforeEach
    void registerThreeVersions() throws IOException {
        database = Database.sqlite(directory.resolve("mlops.db"), Migrations.suite());
        registry = new JdbcModelRegistry(database);
        registry.createModel("persons", "", Map.of(), ALICE);
        for (int i = 1; i <= 3; i++) {
            Path file = Files.writeString(directory.resolve("v" + i + ".onnx"), "model " + i);
            registry.registerVersion(NewVersion.of("persons", FileSource.of(file)), ALICE);
        }
        registry.setAlias("persons", new AliasName("production"), 2, ALICE);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void shouldParseTheThreeForms() {
        assertThat(ModelRef.parse("persons@production"))
                .isEqualTo(new ModelRef("persons", new AliasName("production"), 0));
        assertThat(ModelRef.parse("persons:3")).isEqualTo(new ModelRef("persons", null, 3));
        assertThat(ModelRef.parse("persons")).isEqualTo(new ModelRef("persons", null, 0));
        assertThat(ModelRef.parse("persons:3")).hasToString("persons:3");
    }

    @Test
    void shouldRejectMalformedReferencesNamingThem() {
        assertThatThrownBy(() -> ModelRef.parse("persons:"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("'persons:'");
        assertThatThrownBy(() -> ModelRef.parse("persons:two"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("version number");
        assertThatThrownBy(() -> ModelRef.parse("persons:0"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("from 1");
        assertThatThrownBy(() -> ModelRef.parse("@production"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("needs a name before '@'");
        assertThatThrownBy(() -> ModelRef.parse("persons@prod:2"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("both '@' and ':'");
        assertThatThrownBy(() -> ModelRef.parse("persons@prod uction"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("no valid alias name");
        assertThatThrownBy(() -> ModelRef.parse(" "))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("no model given");
    }

    @Test
    void shouldResolveAnAliasAVersionAndTheLatest() {
        assertThat(ModelRef.parse("persons@production").resolve(registry).version())
                .isEqualTo(2);
        assertThat(ModelRef.parse("persons:1").resolve(registry).version()).isEqualTo(1);
        assertThat(ModelRef.parse("persons").resolve(registry).version()).isEqualTo(3);
    }

    @Test
    void shouldSkipArchivedVersionsForTheLatest() {
        registry.archive("persons", 3, new Change("alice", "superseded"));

        assertThat(ModelRef.parse("persons").resolve(registry).version()).isEqualTo(2);
        assertThatThrownBy(() -> ModelRef.parse("persons:3").resolve(registry))
                .isInstanceOf(UserError.class)
                .hasMessage("version 3 of model 'persons' is archived and cannot be deployed");
    }

    @Test
    void shouldNameAnUnknownModelAliasOrVersion() {
        assertThatThrownBy(() -> ModelRef.parse("cars").resolve(registry))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("cars");
        assertThatThrownBy(() -> ModelRef.parse("persons@staging").resolve(registry))
                .isInstanceOf(UserError.class)
                .hasMessage("model 'persons' has no alias 'staging'");
        assertThatThrownBy(() -> ModelRef.parse("persons:9").resolve(registry))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("9");
    }
}
