package io.mlops.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlops.registry.Change;
import io.mlops.registry.JdbcModelRegistry;
import io.mlops.registry.ModelRegistry;
import io.mlops.registry.RegistryEvent;
import io.mlops.store.Database;
import io.mlops.store.Migrations;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code drift} and {@code alert} trigger conditions, on alerts a real registry announced. */
class AlertConditionTest {
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
        registry.createModel("persons", "", Map.of(), Change.by("alice"));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void shouldStartABuildOnADriftAlertThatFiresOnly() {
        RegistryCondition drift = RegistryCondition.of("drift", null, null, null);

        assertThat(drift.matches(alert("drift", true), registry)).isTrue();
        assertThat(drift.matches(alert("drift", false), registry))
                .as("resolved")
                .isFalse();
        assertThat(drift.matches(alert("latency", true), registry))
                .as("another kind")
                .isFalse();
        assertThat(drift.matches(labeling(), registry)).isFalse();
    }

    @Test
    void shouldStartABuildOnAnyAlertThatFires() {
        RegistryCondition alert = RegistryCondition.of(" alert ", null, null, null);

        assertThat(alert.matches(alert("drift", true), registry)).isTrue();
        assertThat(alert.matches(alert("error_rate", true), registry)).isTrue();
        assertThat(alert.matches(alert("latency", true), registry)).isTrue();
        assertThat(alert.matches(alert("latency", false), registry))
                .as("resolved")
                .isFalse();
        assertThat(alert.matches(labeling(), registry)).isFalse();
    }

    @Test
    void shouldBeValuesThatTellDriftFromAnyAlert() {
        assertThat(RegistryCondition.of("drift", "staging", "x", "lower"))
                .isEqualTo(RegistryCondition.of("drift", null, null, null))
                .isNotEqualTo(RegistryCondition.of("alert", null, null, null));
    }

    private RegistryEvent alert(String kind, boolean firing) {
        registry.announce(new RegistryEvent.AlertChanged(
                "persons",
                1,
                "http://127.0.0.1:8000",
                kind + "-rule",
                kind,
                firing,
                0.4,
                0.2,
                "",
                Change.by("monitor")));
        return events.getLast();
    }

    private RegistryEvent labeling() {
        registry.announce(
                new RegistryEvent.LabelingProgressed("persons", "label-studio", "7", 3, 10, Change.by("label-studio")));
        return events.getLast();
    }
}
