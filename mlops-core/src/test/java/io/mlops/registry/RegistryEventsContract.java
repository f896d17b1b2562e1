package io.mlops.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.store.Database;
import io.mlops.store.Migrations;
import io.mlops.store.StoreUrl;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The registry's event stream read back from the outbox, on SQLite and PostgreSQL: every committed
 * change once, in order, typed as it was told; durable consumer cursors that survive a reopen.
 */
abstract class RegistryEventsContract {
    private StoreUrl url;
    private Database database;
    private JdbcModelRegistry registry;
    private RegistryEvents events;

    abstract StoreUrl newStore();

    @BeforeEach
    void open() {
        url = newStore();
        database = Database.open(url, Migrations.suite());
        registry = new JdbcModelRegistry(database);
        events = new RegistryEvents(database);
        registry.createModel("persons", "", Map.of(), Change.by("alice"));
    }

    @AfterEach
    void close() {
        database.close();
    }

    private ModelVersion register() {
        return registry.registerVersion(
                new NewVersion(
                        "persons",
                        new SourceArtifact("/m.onnx", "b".repeat(64), 9),
                        null,
                        List.of(),
                        Map.of("mAP50", 0.7, "loss", 1e-300),
                        new ModelCardFields("images", "boxes", 17),
                        "first"),
                Change.by("alice"));
    }

    @Test
    void shouldStreamAnnouncedAlertsAndLabelingProgressAndRefuseTheRegistrysOwnEvents() {
        RegistryEvent alert = new RegistryEvent.AlertChanged(
                "persons", 1, "http://gpu-1:8000", "drift", "drift", true, 0.31, 0.2, "input x", Change.by("monitor"));
        RegistryEvent labeling = new RegistryEvent.LabelingProgressed(
                "unregistered-yet", "label-studio", "7", 12, 40, new Change("label-studio", "annotation created"));

        registry.announce(alert);
        registry.announce(labeling);

        assertThat(events.since(0, 100)).extracting(RecordedEvent::event).containsExactly(alert, labeling);
        ModelVersion v1 = register();
        assertThatThrownBy(() -> registry.announce(new RegistryEvent.VersionCreated(v1, Change.by("mallory"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("VersionCreated");
    }

    @Test
    void shouldReadEveryCommittedChangeInOrderAsItWasTold() {
        ModelVersion v1 = register();
        register();
        AliasName production = new AliasName("production");
        registry.setAlias("persons", production, 1, new Change("bob", "release"));
        registry.setAlias("persons", production, 2, new Change("bob", "next"));
        registry.rollback("persons", production, new Change("carol", "bad"));
        registry.deleteAlias("persons", production, Change.by("carol"));
        Deployment deployment =
                new Deployment("persons", 1, "onnxruntime", "gpu-1", "http://gpu-1:8000", DeploymentStatus.RUNNING, 5);
        registry.recordDeployment(deployment, Change.by("agent"));

        List<RecordedEvent> read = events.since(0, 100);

        assertThat(read).extracting(RecordedEvent::position).isSorted().doesNotHaveDuplicates();
        assertThat(read).extracting(RecordedEvent::eventId).doesNotHaveDuplicates();
        assertThat(read)
                .extracting(RecordedEvent::event)
                .containsExactly(
                        new RegistryEvent.VersionCreated(v1, Change.by("alice")),
                        new RegistryEvent.VersionCreated(registry.version("persons", 2), Change.by("alice")),
                        new RegistryEvent.AliasMoved(
                                "persons", production, null, 1, false, new Change("bob", "release")),
                        new RegistryEvent.AliasMoved("persons", production, 1, 2, false, new Change("bob", "next")),
                        new RegistryEvent.AliasMoved("persons", production, 2, 1, true, new Change("carol", "bad")),
                        new RegistryEvent.AliasMoved("persons", production, 1, null, false, Change.by("carol")),
                        new RegistryEvent.DeploymentChanged(deployment, null, Change.by("agent")));
        RegistryEvent.VersionCreated created =
                (RegistryEvent.VersionCreated) read.getFirst().event();
        assertThat(created.version().metrics().get("loss")).isEqualTo(1e-300);
        assertThat(events.since(read.get(4).position(), 100)).hasSize(2);
        assertThat(events.head()).isEqualTo(read.getLast().position());
    }

    @Test
    void shouldStartANewConsumerAtTheHeadAndKeepItsCursorAcrossAReopen() {
        register();
        assertThat(events.next("jenkins:registry-trigger", 10))
                .as("history is not news")
                .isEmpty();

        register();
        register();
        List<RecordedEvent> fresh = events.next("jenkins:registry-trigger", 10);
        assertThat(fresh).hasSize(2);
        events.acknowledge("jenkins:registry-trigger", fresh.getFirst().position());

        database.close();
        database = Database.open(url, Migrations.suite());
        RegistryEvents reopened = new RegistryEvents(database);
        assertThat(reopened.next("jenkins:registry-trigger", 10)).containsExactly(fresh.getLast());
        reopened.acknowledge("jenkins:registry-trigger", fresh.getLast().position());
        reopened.acknowledge("jenkins:registry-trigger", fresh.getFirst().position());
        assertThat(reopened.next("jenkins:registry-trigger", 10))
                .as("a late acknowledgement does not move the cursor back")
                .isEmpty();
        assertThat(reopened.cursor("another")).isEqualTo(fresh.getLast().position());
    }

    @Test
    void shouldWriteNoEventForAChangeThatRolledBack() {
        register();
        long before = events.head();

        registry.archive("persons", 1, Change.by("bob"));
        try {
            registry.setAlias("persons", new AliasName("production"), 1, Change.by("bob"));
        } catch (RegistryConflict expected) {
            // archived versions take no alias: the change and its event roll back together
        }

        assertThat(events.since(before, 10)).isEmpty();
    }
}
