package io.mlops.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.error.UserError;
import io.mlops.registry.AliasName;
import io.mlops.registry.Change;
import io.mlops.registry.FileSource;
import io.mlops.registry.JdbcModelRegistry;
import io.mlops.registry.ModelCardFields;
import io.mlops.registry.ModelRegistry;
import io.mlops.registry.NewVersion;
import io.mlops.registry.RegistryEvent;
import io.mlops.store.Database;
import io.mlops.store.Migrations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Registry-event trigger conditions, on the events a real registry tells its listeners. */
class RegistryConditionTest {
    private static final Change ALICE = Change.by("alice");
    private static final AliasName PRODUCTION = new AliasName("production");

    @TempDir
    Path dir;

    private Database database;
    private ModelRegistry registry;
    private final List<RegistryEvent> events = new ArrayList<>();

    @BeforeEach
    void openRegistry() {
        database = Database.sqlite(dir.resolve("mlops.db"), Migrations.suite());
        registry = new JdbcModelRegistry(database);
        registry.listeners().add(events::add);
        registry.createModel("persons", "", Map.of(), ALICE);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void shouldMatchEveryNewVersionButNotAliasMoves() throws IOException {
        RegistryEvent created = register(1, Map.of("mAP50", 0.6, "p95_latency_ms", 20.0));
        RegistryEvent moved = alias(PRODUCTION, 1);

        RegistryCondition condition = RegistryCondition.of("newVersion", null, null, null);

        assertThat(condition.matches(created, registry)).isTrue();
        assertThat(condition.matches(moved, registry)).isFalse();
    }

    @Test
    void shouldMatchOnlyTheWatchedAliasWhenItPointsAtAVersion() throws IOException {
        register(1, Map.of());
        register(2, Map.of());
        RegistryEvent production = alias(PRODUCTION, 1);
        RegistryEvent staging = alias(new AliasName("staging"), 2);
        registry.deleteAlias("persons", PRODUCTION, ALICE);
        RegistryEvent removed = events.getLast();

        RegistryCondition condition = RegistryCondition.of("aliasMoved", "production", null, null);

        assertThat(condition.matches(production, registry)).isTrue();
        assertThat(condition.matches(staging, registry)).isFalse();
        assertThat(condition.matches(removed, registry)).isFalse();
    }

    @Test
    void shouldMatchAVersionThatBeatsProductionOnTheMetric() throws IOException {
        register(1, Map.of("mAP50", 0.60));
        alias(PRODUCTION, 1);
        RegistryEvent worse = register(2, Map.of("mAP50", 0.55));
        RegistryEvent better = register(3, Map.of("mAP50", 0.65));
        RegistryEvent without = register(4, Map.of("accuracy", 0.9));

        RegistryCondition higher = RegistryCondition.of("betterThan", null, "mAP50", "higher");

        assertThat(higher.matches(worse, registry)).isFalse();
        assertThat(higher.matches(better, registry)).isTrue();
        assertThat(higher.matches(without, registry)).isFalse();
    }

    @Test
    void shouldCompareLowerIsBetterMetricsTheOtherWayRound() throws IOException {
        register(1, Map.of("loss", 0.30));
        alias(PRODUCTION, 1);
        RegistryEvent lower = register(2, Map.of("loss", 0.25));

        assertThat(RegistryCondition.of("betterThan", "production", "loss", "lower")
                        .matches(lower, registry))
                .isTrue();
        assertThat(RegistryCondition.of("betterThan", "production", "loss", "higher")
                        .matches(lower, registry))
                .isFalse();
    }

    @Test
    void shouldTakeTheFirstVersionWithTheMetricAsBetterWhenNothingIsInProduction() throws IOException {
        RegistryEvent first = register(1, Map.of("mAP50", 0.1));

        assertThat(RegistryCondition.of("betterThan", null, "mAP50", null).matches(first, registry))
                .isTrue();
    }

    @Test
    void shouldMatchAVersionFasterThanProduction() throws IOException {
        register(1, Map.of("p95_latency_ms", 20.0));
        alias(PRODUCTION, 1);
        RegistryEvent slower = register(2, Map.of("p95_latency_ms", 25.0));
        RegistryEvent faster = register(3, Map.of("p95_latency_ms", 12.5));

        RegistryCondition condition = RegistryCondition.of("fasterThan", null, null, null);

        assertThat(condition.matches(slower, registry)).isFalse();
        assertThat(condition.matches(faster, registry)).isTrue();
    }

    @Test
    void shouldNameWhatIsWrongInTheConfiguration() {
        assertThatThrownBy(() -> RegistryCondition.of("sometimes", null, null, null))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("newVersion, aliasMoved, betterThan, fasterThan, drift or alert")
                .hasMessageContaining("sometimes");
        assertThatThrownBy(() -> RegistryCondition.of("betterThan", null, " ", null))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("needs a metric");
        assertThatThrownBy(() -> RegistryCondition.of("betterThan", null, "mAP50", "sideways"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("higher or lower");
    }

    @Test
    void shouldBeEqualByValue() {
        assertThat(RegistryCondition.of("betterThan", null, "mAP50", null))
                .isEqualTo(RegistryCondition.of("betterThan", "production", "mAP50", "higher"))
                .isNotEqualTo(RegistryCondition.of("betterThan", "production", "mAP50", "lower"));
    }

    private RegistryEvent register(int number, Map<String, Double> metrics) throws IOException {
        Path file = Files.writeString(dir.resolve("v" + number + ".onnx"), "model " + number);
        registry.registerVersion(
                new NewVersion("persons", FileSource.of(file), null, List.of(), metrics, ModelCardFields.none(), ""),
                ALICE);
        return events.getLast();
    }

    private RegistryEvent alias(AliasName alias, int version) {
        registry.setAlias("persons", alias, version, ALICE);
        return events.getLast();
    }
}
