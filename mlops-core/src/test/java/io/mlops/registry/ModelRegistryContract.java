package io.mlops.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.mlops.blob.Blob;
import io.mlops.blob.BlobId;
import io.mlops.error.UserError;
import io.mlops.store.Database;
import io.mlops.store.Migrations;
import io.mlops.store.StoreUrl;
import io.mlops.tracking.JdbcTrackingStore;
import io.mlops.tracking.NewRun;
import io.mlops.tracking.RunContext;
import io.mlops.tracking.SnapshotInput;
import io.mlops.tracking.StoredArtifact;
import io.mlops.tracking.Tag;
import io.mlops.tracking.TrackingStore;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every model registry has, run against SQLite and PostgreSQL by the subclasses. */
abstract class ModelRegistryContract {
    private static final String HASH = "a".repeat(64);
    private static final long NOW = 1_700_000_000_000L;
    private static final Change ALICE = new Change("alice", "better mAP");
    private static final AliasName PRODUCTION = new AliasName("production");

    private Database database;
    private ModelRegistry registry;

    abstract StoreUrl newStore();

    @BeforeEach
    void openRegistry() {
        database = Database.open(newStore(), Migrations.suite());
        registry = new JdbcModelRegistry(database, Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
    }

    @AfterEach
    void closeDatabase() {
        database.close();
    }

    private ModelVersion register(String model) {
        return registry.registerVersion(NewVersion.of(model, new SourceArtifact("/models/m.onnx", HASH, 10)), ALICE);
    }

    private void modelWithVersions(String model, int count) {
        registry.createModel(model, "", Map.of(), ALICE);
        for (int i = 0; i < count; i++) {
            register(model);
        }
    }

    @Test
    void shouldCreateAndFindModelsWithTagsAndDescription() {
        registry.createModel("persons", "detects persons", Map.of("team", "vision"), ALICE);
        registry.createModel("cars", null, Map.of(), ALICE);

        RegisteredModel persons = registry.model("persons");
        assertThat(persons.description()).isEqualTo("detects persons");
        assertThat(persons.tags()).containsExactly(Map.entry("team", "vision"));
        assertThat(persons.createdAt()).isEqualTo(NOW);
        assertThat(registry.models("")).extracting(RegisteredModel::name).containsExactly("cars", "persons");
        assertThat(registry.models("PER")).extracting(RegisteredModel::name).containsExactly("persons");
        assertThat(registry.models("_")).isEmpty();
    }

    @Test
    void shouldListAPageOfModelsWithVersionCountsAliasesAndTheTotal() {
        modelWithVersions("alpha", 3);
        modelWithVersions("beta", 0);
        modelWithVersions("gamma", 2);
        registry.setModelTag("gamma", "team", "vision", ALICE);
        registry.setAlias("gamma", new AliasName("production"), 1, ALICE);

        ModelListing first = registry.models("", 2, 0);
        ModelListing second = registry.models("", 2, 2);
        ModelListing search = registry.models("AM", 10, 0);

        assertThat(first.total()).isEqualTo(3);
        assertThat(first.models())
                .extracting(m -> m.model().name(), ModelSummary::versionCount, ModelSummary::latestVersion)
                .containsExactly(tuple("alpha", 3, 3), tuple("beta", 0, null));
        assertThat(second.models()).hasSize(1);
        ModelSummary gamma = second.models().getFirst();
        assertThat(gamma.model().aliases()).containsExactly(Map.entry("production", 1));
        assertThat(gamma.model().tags()).containsExactly(Map.entry("team", "vision"));
        assertThat(search.total()).isEqualTo(1);
        assertThat(search.models().getFirst().model().name()).isEqualTo("gamma");
    }

    @Test
    void shouldRefuseInvisibleCharactersInNewModelNames() {
        // Zero-width space, right-to-left override, isolate, byte-order mark, line separator.
        for (String name : List.of("pers\u200Bons", "\u202Epersons", "per\u2066sons", "\uFEFFpersons", "a\u2028b")) {
            assertThatThrownBy(() -> registry.createModel(name, "", Map.of(), ALICE))
                    .isInstanceOf(UserError.class)
                    .hasMessageContaining("invisible character U+");
        }
        assertThat(registry.createModel("modèle-日本", "", Map.of(), ALICE).name())
                .isEqualTo("modèle-日本");
    }

    @Test
    void shouldRefuseDescriptionsLongerThanMlflowStores() {
        assertThatThrownBy(() -> registry.createModel("persons", "d".repeat(5001), Map.of(), ALICE))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("at most 5000 characters");
        registry.createModel("persons", "d".repeat(5000), Map.of(), ALICE);
        assertThatThrownBy(() -> registry.updateDescription("persons", "x".repeat(8_000_000), ALICE))
                .hasMessageContaining("at most 5000 characters");
        assertThat(registry.model("persons").description()).hasSize(5000);
    }

    @Test
    void shouldRefuseADuplicateOrUnknownModel() {
        registry.createModel("persons", "", Map.of(), ALICE);

        assertThatThrownBy(() -> registry.createModel("persons", "", Map.of(), ALICE))
                .isInstanceOf(DuplicateRegistryEntry.class)
                .hasMessage("a registered model named 'persons' already exists");
        assertThatThrownBy(() -> registry.model("nobody"))
                .isInstanceOf(UnknownRegistryEntry.class)
                .hasMessage("no registered model named 'nobody'");
        assertThatThrownBy(() -> register("nobody")).hasMessage("no registered model named 'nobody'");
    }

    @Test
    void shouldUpdateDescriptionAndTags() {
        registry.createModel("persons", "old", Map.of(), ALICE);

        registry.updateDescription("persons", "new", ALICE);
        RegisteredModel model = registry.setModelTag("persons", "owner", "bob", ALICE);

        assertThat(model.description()).isEqualTo("new");
        assertThat(model.tags()).containsExactly(Map.entry("owner", "bob"));
    }

    @Test
    void shouldNumberVersionsFromOneAndKeepWhatWasRegistered() {
        registry.createModel("persons", "", Map.of(), ALICE);
        String snapshot = "0123456789abcdef0123456789abcdef";
        NewVersion request = new NewVersion(
                "persons",
                new SourceArtifact("/models/yolo.onnx", HASH, 1234),
                null,
                List.of(snapshot),
                Map.of("mAP", 0.61, "latency_ms", 12.5),
                new ModelCardFields("images: float32[N,3,640,640]", "boxes: float32[N,84,8400]", 17),
                "first try");

        ModelVersion first = registry.registerVersion(request, ALICE);
        ModelVersion second = register("persons");

        assertThat(first.version()).isEqualTo(1);
        assertThat(second.version()).isEqualTo(2);
        ModelVersion read = registry.version("persons", 1);
        assertThat(read).isEqualTo(first);
        assertThat(read.source()).isEqualTo(new SourceArtifact("/models/yolo.onnx", HASH, 1234));
        assertThat(read.snapshotIds()).containsExactly(snapshot);
        assertThat(read.metrics()).containsEntry("mAP", 0.61).containsEntry("latency_ms", 12.5);
        assertThat(read.card().opset()).isEqualTo(17);
        assertThat(read.status()).isEqualTo(VersionStatus.READY);
        assertThat(read.createdBy()).isEqualTo("alice");
        assertThat(registry.versions("persons"))
                .extracting(ModelVersion::version)
                .containsExactly(1, 2);
    }

    @Test
    void shouldChangeAVersionsDescriptionAndAuditIt() {
        modelWithVersions("persons", 1);

        ModelVersion changed = registry.updateVersionDescription("persons", 1, "trained on the May data", ALICE);

        assertThat(changed.description()).isEqualTo("trained on the May data");
        assertThat(registry.audit("persons").getLast())
                .extracting(AuditEntry::action, AuditEntry::to)
                .containsExactly(AuditAction.VERSION_UPDATED, "v1 description: trained on the May data");
    }

    @Test
    void shouldNumberConcurrentRegistrationsWithoutGapsOrDuplicates() throws Exception {
        registry.createModel("persons", "", Map.of(), ALICE);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ModelVersion>> futures = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                futures.add(pool.submit(() -> register("persons")));
            }
            for (Future<ModelVersion> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }

        assertThat(registry.versions("persons"))
                .extracting(ModelVersion::version)
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
    }

    @Test
    void shouldNameTheHighestVersionWhenOneIsUnknown() {
        modelWithVersions("persons", 2);

        assertThatThrownBy(() -> registry.version("persons", 7))
                .isInstanceOf(UnknownRegistryEntry.class)
                .hasMessage("model 'persons' has no version 7 (its highest is 2)");
    }

    @Test
    void shouldSetAndMoveAnAliasAndAuditEachMoveWithItsReason() {
        modelWithVersions("persons", 2);

        registry.setAlias("persons", PRODUCTION, 1, new Change("alice", "first release"));
        ModelVersion now = registry.setAlias("persons", PRODUCTION, 2, new Change("bob", "better mAP"));

        assertThat(now.version()).isEqualTo(2);
        assertThat(now.aliases()).containsExactly("production");
        assertThat(registry.versionByAlias("persons", PRODUCTION).version()).isEqualTo(2);
        assertThat(registry.version("persons", 1).aliases()).isEmpty();
        assertThat(registry.model("persons").aliases()).containsExactly(Map.entry("production", 2));
        assertThat(registry.audit("persons"))
                .filteredOn(entry -> entry.action() == AuditAction.ALIAS_SET)
                .extracting(AuditEntry::actor, AuditEntry::from, AuditEntry::to, AuditEntry::reason)
                .containsExactly(
                        tuple("alice", null, "production -> v1", "first release"),
                        tuple("bob", "production -> v1", "production -> v2", "better mAP"));
    }

    @Test
    void shouldExplainUnknownAliasesAndBadAliasNames() {
        modelWithVersions("persons", 1);

        assertThatThrownBy(() -> registry.versionByAlias("persons", PRODUCTION))
                .isInstanceOf(UnknownRegistryEntry.class)
                .hasMessage("model 'persons' has no alias 'production'");
        assertThatThrownBy(() -> new AliasName("prod uction"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("'prod uction' is no valid alias name");
        assertThatThrownBy(() -> registry.setAlias("persons", PRODUCTION, 3, ALICE))
                .hasMessage("model 'persons' has no version 3 (its highest is 1)");
    }

    @Test
    void shouldRefuseToMoveAnAliasToAnArchivedVersion() {
        modelWithVersions("persons", 2);

        ModelVersion archived = registry.archive("persons", 1, new Change("alice", "leaks test data"));

        assertThat(archived.status()).isEqualTo(VersionStatus.ARCHIVED);
        assertThatThrownBy(() -> registry.setAlias("persons", PRODUCTION, 1, ALICE))
                .isInstanceOf(UserError.class)
                .hasMessage("cannot move alias 'production' of model 'persons' to version 1: that version is archived");
    }

    @Test
    void shouldRefuseToArchiveAVersionAnAliasPointsAt() {
        modelWithVersions("persons", 1);
        registry.setAlias("persons", PRODUCTION, 1, ALICE);

        assertThatThrownBy(() -> registry.archive("persons", 1, ALICE))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("aliases [production] point at it");
        assertThat(registry.version("persons", 1).status()).isEqualTo(VersionStatus.READY);
    }

    @Test
    void shouldRollBackStepByStepThroughTheAliasHistory() {
        modelWithVersions("persons", 3);
        registry.setAlias("persons", PRODUCTION, 1, ALICE);
        registry.setAlias("persons", PRODUCTION, 2, ALICE);
        registry.setAlias("persons", PRODUCTION, 3, ALICE);

        ModelVersion once = registry.rollback("persons", PRODUCTION, new Change("carol", "v3 drops recall"));
        ModelVersion twice = registry.rollback("persons", PRODUCTION, new Change("carol", "v2 too"));

        assertThat(once.version()).isEqualTo(2);
        assertThat(twice.version()).isEqualTo(1);
        assertThatThrownBy(() -> registry.rollback("persons", PRODUCTION, ALICE))
                .isInstanceOf(UserError.class)
                .hasMessage(
                        "cannot roll back alias 'production' of model 'persons': it held no other version before v1");
        assertThat(registry.audit("persons"))
                .filteredOn(entry -> entry.action() == AuditAction.ALIAS_ROLLED_BACK)
                .extracting(AuditEntry::actor, AuditEntry::from, AuditEntry::to, AuditEntry::reason)
                .containsExactly(
                        tuple("carol", "production -> v3", "production -> v2", "v3 drops recall"),
                        tuple("carol", "production -> v2", "production -> v1", "v2 too"));
    }

    @Test
    void shouldRollBackTheLatestMoveAfterARollbackAndANewMove() {
        modelWithVersions("persons", 3);
        registry.setAlias("persons", PRODUCTION, 1, ALICE);
        registry.setAlias("persons", PRODUCTION, 2, ALICE);
        registry.rollback("persons", PRODUCTION, ALICE);
        registry.setAlias("persons", PRODUCTION, 3, ALICE);

        assertThat(registry.rollback("persons", PRODUCTION, ALICE).version()).isEqualTo(1);
    }

    @Test
    void shouldDeleteAnAliasAndAuditIt() {
        modelWithVersions("persons", 1);
        registry.setAlias("persons", PRODUCTION, 1, ALICE);

        registry.deleteAlias("persons", PRODUCTION, new Change("bob", "retired"));

        assertThat(registry.model("persons").aliases()).isEmpty();
        assertThat(registry.audit("persons").getLast())
                .extracting(AuditEntry::action, AuditEntry::from, AuditEntry::to)
                .containsExactly(AuditAction.ALIAS_DELETED, "production -> v1", null);
    }

    @Test
    void shouldKeepOneDeploymentPerBackendAndNode() {
        modelWithVersions("persons", 2);

        registry.recordDeployment(deployment(1, "gpu-1", DeploymentStatus.RUNNING), ALICE);
        registry.recordDeployment(deployment(2, "gpu-1", DeploymentStatus.PENDING), ALICE);
        registry.recordDeployment(deployment(1, "gpu-2", DeploymentStatus.RUNNING), ALICE);

        assertThat(registry.deployments("persons"))
                .extracting(Deployment::node, Deployment::version, Deployment::status)
                .containsExactly(
                        tuple("gpu-1", 2, DeploymentStatus.PENDING), tuple("gpu-2", 1, DeploymentStatus.RUNNING));
        assertThat(registry.audit("persons"))
                .filteredOn(entry -> entry.action() == AuditAction.DEPLOYMENT_CHANGED)
                .extracting(AuditEntry::from, AuditEntry::to)
                .containsExactly(
                        tuple(null, "v1 on onnxruntime@gpu-1 (RUNNING)"),
                        tuple("v1 on onnxruntime@gpu-1 (RUNNING)", "v2 on onnxruntime@gpu-1 (PENDING)"),
                        tuple(null, "v1 on onnxruntime@gpu-2 (RUNNING)"));
    }

    private static Deployment deployment(int version, String node, DeploymentStatus status) {
        return new Deployment("persons", version, "onnxruntime", node, "http://" + node + ":8000/v2", status, NOW);
    }

    @Test
    void shouldTraceAVersionToItsRunSnapshotsGitCommitsAndDeployments() throws Exception {
        TrackingStore tracking = new io.mlops.tracking.JdbcTrackingStore(database);
        String runId = tracking.createRun(
                        new NewRun("0", "alice", NOW, "train", List.of(new Tag("mlflow.source.git.commit", "abc123"))))
                .id();
        tracking.logBatch(
                runId,
                List.of(
                        new io.mlops.tracking.Metric("loss", 0.9, NOW, 0),
                        new io.mlops.tracking.Metric("loss", 0.2, NOW, 1)),
                List.of(new io.mlops.tracking.Param("lr", "0.01")),
                List.of());
        String known = "0123456789abcdef0123456789abcdef";
        String unknown = "fedcba9876543210fedcba9876543210";
        database.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO snapshot(id, object_id,"
                    + " directory, source_path, cache_root, file_count, total_size, created_at, git_commit)"
                    + " VALUES (?, ?, 1, 'data/train', '.dvc/cache', 3, 300, '2024-01-01T00:00:00Z', 'def456')")) {
                insert.setString(1, known);
                insert.setString(2, known);
                insert.executeUpdate();
            }
            return null;
        });
        registry.createModel("persons", "", Map.of(), ALICE);
        registry.registerVersion(
                new NewVersion(
                        "persons",
                        new SourceArtifact("/m.onnx", HASH, 1),
                        runId,
                        List.of(known, unknown),
                        Map.of(),
                        null,
                        null),
                ALICE);
        registry.recordDeployment(deployment(1, "gpu-1", DeploymentStatus.RUNNING), ALICE);

        Lineage lineage = registry.lineage("persons", 1);

        assertThat(lineage.run())
                .isEqualTo(new RunLineage(
                        runId, "0", "train", "RUNNING", "abc123", Map.of("lr", "0.01"), Map.of("loss", 0.2)));
        assertThat(lineage.snapshots())
                .containsExactly(
                        new SnapshotLineage(known, "data/train", "def456", 3, 300L),
                        new SnapshotLineage(unknown, null, null, null, null));
        assertThat(lineage.deployments()).extracting(Deployment::node).containsExactly("gpu-1");
    }

    @Test
    void shouldTakeTheSnapshotsOfTheRunAVersionComesFrom() {
        TrackingStore tracking = new JdbcTrackingStore(database);
        String runId = tracking.createRun(new NewRun("0", "alice", NOW, "train", List.of()))
                .id();
        String snapshot = "0123456789abcdef0123456789abcdef";
        tracking.logInputs(
                runId,
                new RunContext(null, null, List.of(new SnapshotInput(snapshot, "train", "data/train")), null)
                        .toInputs());
        registry.createModel("persons", "", Map.of(), ALICE);

        ModelVersion version = registry.registerVersion(
                new NewVersion(
                        "persons", new SourceArtifact("/m.onnx", HASH, 1), runId, List.of(), Map.of(), null, null),
                ALICE);

        assertThat(version.snapshotIds()).containsExactly(snapshot);
    }

    @Test
    void shouldRegisterARunArtifactByItsBlobHash() {
        TrackingStore tracking = new JdbcTrackingStore(database);
        String runId = tracking.createRun(new NewRun("0", "alice", NOW, "train", List.of()))
                .id();
        String digest = "b".repeat(64);
        tracking.recordArtifact(new StoredArtifact(runId, "model/model.onnx", new Blob(new BlobId(digest), 42)));
        registry.createModel("persons", "", Map.of(), ALICE);

        SourceArtifact source = registry.runArtifact(runId, "model/model.onnx");
        ModelVersion version = registry.registerVersion(
                new NewVersion("persons", source, runId, List.of(), Map.of(), null, null), ALICE);

        assertThat(version.source()).isEqualTo(new SourceArtifact("runs:/" + runId + "/model/model.onnx", digest, 42));
        assertThat(version.source().isRunArtifact()).isTrue();
        assertThatThrownBy(() -> registry.runArtifact(runId, "missing.onnx"))
                .isInstanceOf(UnknownRegistryEntry.class)
                .hasMessage("run '" + runId + "' has no artifact 'missing.onnx'");
        assertThatThrownBy(() -> registry.runArtifact("nope", "model/model.onnx"))
                .hasMessage("no tracking run with id 'nope' in this store");
    }

    @Test
    void shouldRefuseAVersionFromAnUnknownRun() {
        registry.createModel("persons", "", Map.of(), ALICE);

        assertThatThrownBy(() -> registry.registerVersion(
                        new NewVersion(
                                "persons",
                                new SourceArtifact("/m.onnx", HASH, 1),
                                "nope",
                                List.of(),
                                Map.of(),
                                null,
                                null),
                        ALICE))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("there is no such run in this store");
        assertThat(registry.versions("persons")).isEmpty();
    }

    @Test
    void shouldDeleteAModelButKeepItsAuditLog() {
        modelWithVersions("persons", 2);
        registry.setAlias("persons", PRODUCTION, 2, ALICE);
        registry.recordDeployment(deployment(2, "gpu-1", DeploymentStatus.RUNNING), ALICE);

        registry.deleteModel("persons", new Change("alice", "replaced by persons-v2"));

        assertThat(registry.models("")).isEmpty();
        assertThat(registry.audit("persons").getLast())
                .extracting(AuditEntry::action, AuditEntry::from, AuditEntry::reason)
                .containsExactly(AuditAction.MODEL_DELETED, "persons (2 versions)", "replaced by persons-v2");
        modelWithVersions("persons", 1);
        assertThatThrownBy(() -> registry.rollback("persons", PRODUCTION, ALICE))
                .hasMessage("model 'persons' has no alias 'production'");
    }

    @Test
    void shouldTellListenersOfEachCommittedChangeButNotOfRefusedOnes() {
        List<RegistryEvent> heard = new ArrayList<>();
        registry.listeners().add(heard::add);
        registry.listeners().add(event -> {
            throw new IllegalStateException("a broken listener");
        });
        modelWithVersions("persons", 2);

        registry.setAlias("persons", PRODUCTION, 1, ALICE);
        registry.setAlias("persons", PRODUCTION, 2, ALICE);
        registry.rollback("persons", PRODUCTION, ALICE);
        registry.recordDeployment(deployment(1, "gpu-1", DeploymentStatus.RUNNING), ALICE);
        assertThatThrownBy(() -> registry.setAlias("persons", PRODUCTION, 9, ALICE))
                .isInstanceOf(UserError.class);

        assertThat(heard).hasSize(6);
        assertThat(heard.subList(0, 2)).allMatch(event -> event instanceof RegistryEvent.VersionCreated);
        assertThat(heard.subList(2, 5))
                .extracting(event -> (RegistryEvent.AliasMoved) event)
                .extracting(
                        RegistryEvent.AliasMoved::from,
                        RegistryEvent.AliasMoved::to,
                        RegistryEvent.AliasMoved::rollback)
                .containsExactly(tuple(null, 1, false), tuple(1, 2, false), tuple(2, 1, true));
        assertThat(heard.get(5))
                .isInstanceOfSatisfying(
                        RegistryEvent.DeploymentChanged.class,
                        event -> assertThat(event.previous()).isNull());
    }

    @Test
    void shouldStopTellingARemovedListener() throws Exception {
        List<RegistryEvent> heard = new ArrayList<>();
        AutoCloseable subscription = registry.listeners().add(heard::add);
        registry.createModel("persons", "", Map.of(), ALICE);
        register("persons");

        subscription.close();
        register("persons");

        assertThat(heard).hasSize(1);
    }
}
