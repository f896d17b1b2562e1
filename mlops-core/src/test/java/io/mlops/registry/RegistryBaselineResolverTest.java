package io.mlops.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.error.UserError;
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

/** Evaluation baselines given as registry aliases. */
class RegistryBaselineResolverTest {
    private static final Change ALICE = Change.by("alice");

    @TempDir
    Path directory;

    private Database database;
    private ModelRegistry registry;
    private Path champion;

    @BeforeEach
    void registerTwoVersions() throws IOException {
        database = Database.sqlite(directory.resolve("mlops.db"), Migrations.suite());
        registry = new JdbcModelRegistry(database);
        registry.createModel("persons", "", Map.of(), ALICE);
        Path first = Files.writeString(directory.resolve("v1.onnx"), "first");
        champion = Files.writeString(directory.resolve("v2.onnx"), "second");
        registry.registerVersion(NewVersion.of("persons", FileSource.of(first)), ALICE);
        registry.registerVersion(NewVersion.of("persons", FileSource.of(champion)), ALICE);
        registry.setAlias("persons", new AliasName("production"), 2, ALICE);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void shouldResolveModelAtAliasToTheVersionsFile() {
        assertThat(resolver(null).resolve("persons@production")).isEqualTo(champion.toAbsolutePath());
    }

    @Test
    void shouldResolveABareAliasOfTheDefaultModel() {
        assertThat(resolver("persons").resolve("production")).isEqualTo(champion.toAbsolutePath());
    }

    @Test
    void shouldStillTakeAModelFileAsItIs() {
        Path file = directory.resolve("v2.onnx");

        assertThat(resolver(null).resolve(file.toString())).isEqualTo(file);
    }

    @Test
    void shouldAskForModelAtAliasWithoutADefaultModel() {
        assertThatThrownBy(() -> resolver(null).resolve("production"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("model@alias");
    }

    @Test
    void shouldRefuseAModelFileChangedSinceItWasRegistered() throws IOException {
        Files.writeString(champion, "tampered");

        assertThatThrownBy(() -> resolver(null).resolve("persons@production"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("changed since it was registered");
    }

    @Test
    void shouldNameAnUnknownAlias() {
        assertThatThrownBy(() -> resolver(null).resolve("persons@staging"))
                .isInstanceOf(UserError.class)
                .hasMessage("model 'persons' has no alias 'staging'");
    }

    @Test
    void shouldFindAnAliasThatExistsAsResolveDoes() {
        assertThat(resolver("persons").findAlias("production")).contains(champion.toAbsolutePath());
    }

    @Test
    void shouldFindNoBaselineBeforeTheAliasIsFirstSet() {
        assertThat(resolver(null).findAlias("persons@staging")).isEmpty();
    }

    @Test
    void shouldFindNoBaselineBeforeTheModelIsFirstRegistered() {
        // "person" is a prefix of the registered "persons": only the exact name counts.
        assertThat(resolver("person").findAlias("production")).isEmpty();
        assertThat(resolver(null).findAlias("cars@production")).isEmpty();
    }

    @Test
    void shouldStillRefuseAMalformedBaselineWhenLookingForOneThatMayNotExist() {
        assertThatThrownBy(() -> resolver(null).findAlias("production"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("model@alias");
        assertThatThrownBy(() -> resolver("persons").findAlias("prod uction"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("no valid alias name");
    }

    private RegistryBaselineResolver resolver(String defaultModel) {
        return new RegistryBaselineResolver(registry, defaultModel, VersionFiles.registeredFiles());
    }
}
