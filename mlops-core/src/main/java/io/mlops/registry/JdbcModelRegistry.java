package io.mlops.registry;

import io.mlops.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The model registry on the suite's metadata database (SQLite or PostgreSQL).
 *
 * <p>Each change is one transaction that first updates the model's row, which makes concurrent
 * changes of one model queue on both databases; the audit entry and the change's
 * {@link RegistryEvent} (in the outbox, with one queued delivery per subscribed webhook) are
 * written in the same transaction. Other processes read the events with {@link RegistryEvents};
 * in-process listeners hear of the change after it committed.
 */
public final class JdbcModelRegistry implements ModelRegistry {
    private final Database database;
    private final Clock clock;
    private final RegistryListeners listeners = new RegistryListeners();

    /**
     * Creates the registry on a database migrated with the suite's migrations.
     *
     * @param database the metadata database
     * @param clock the source of change times
     */
    public JdbcModelRegistry(Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Creates the registry with the system clock.
     *
     * @param database the metadata database
     */
    public JdbcModelRegistry(Database database) {
        this(database, Clock.systemUTC());
    }

    @Override
    public RegistryListeners listeners() {
        return listeners;
    }

    @Override
    public RegisteredModel createModel(String name, String description, Map<String, String> tags, Change change) {
        ModelNames.checkNew(name);
        Descriptions.check(description);
        Objects.requireNonNull(change, "change");
        long now = clock.millis();
        return database.inTransaction(connection -> {
            if (ModelRows.exists(connection, name)) {
                throw new DuplicateRegistryEntry("a registered model named '" + name + "' already exists");
            }
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO registered_model(name,"
                    + " description, created_at, last_updated_at) VALUES (?, ?, ?, ?)")) {
                insert.setString(1, name);
                insert.setString(2, description == null ? "" : description);
                insert.setLong(3, now);
                insert.setLong(4, now);
                insert.executeUpdate();
            }
            for (Map.Entry<String, String> tag : tags.entrySet()) {
                putTag(connection, name, tag.getKey(), tag.getValue());
            }
            AuditLog.append(connection, name, AuditAction.MODEL_CREATED, change, now, null, name);
            return ModelRows.require(connection, name);
        });
    }

    @Override
    public RegisteredModel model(String name) {
        return database.read(connection -> ModelRows.require(connection, name));
    }

    @Override
    public List<RegisteredModel> models(String nameContains) {
        return database.read(connection -> ModelRows.search(connection, nameContains == null ? "" : nameContains));
    }

    @Override
    public ModelListing models(String nameContains, int limit, int offset) {
        if (limit < 1 || offset < 0) {
            throw new IllegalArgumentException("a page needs limit >= 1 and offset >= 0: " + limit + ", " + offset);
        }
        return database.read(connection ->
                ModelSummaryRows.page(connection, nameContains == null ? "" : nameContains, limit, offset));
    }

    @Override
    public RegisteredModel updateDescription(String name, String description, Change change) {
        Descriptions.check(description);
        long now = clock.millis();
        return database.inTransaction(connection -> {
            String before = ModelRows.require(connection, name).description();
            ModelRows.touch(connection, name, now);
            try (PreparedStatement update =
                    connection.prepareStatement("UPDATE registered_model SET description = ? WHERE name = ?")) {
                update.setString(1, description == null ? "" : description);
                update.setString(2, name);
                update.executeUpdate();
            }
            AuditLog.append(
                    connection,
                    name,
                    AuditAction.MODEL_UPDATED,
                    change,
                    now,
                    "description: " + before,
                    "description: " + description);
            return ModelRows.require(connection, name);
        });
    }

    @Override
    public RegisteredModel setModelTag(String name, String key, String value, Change change) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        long now = clock.millis();
        return database.inTransaction(connection -> {
            String before = ModelRows.require(connection, name).tags().get(key);
            ModelRows.touch(connection, name, now);
            try (PreparedStatement delete =
                    connection.prepareStatement("DELETE FROM registered_model_tag WHERE model = ? AND key = ?")) {
                delete.setString(1, name);
                delete.setString(2, key);
                delete.executeUpdate();
            }
            putTag(connection, name, key, value);
            AuditLog.append(
                    connection,
                    name,
                    AuditAction.MODEL_UPDATED,
                    change,
                    now,
                    before == null ? null : "tag " + key + "=" + before,
                    "tag " + key + "=" + value);
            return ModelRows.require(connection, name);
        });
    }

    @Override
    public void deleteModel(String name, Change change) {
        long now = clock.millis();
        database.inTransaction(connection -> {
            ModelRows.touch(connection, name, now);
            int versions = VersionRows.highest(connection, name);
            AliasRows.forget(connection, name);
            MlflowVersionRows.forgetDeleted(connection, name);
            try (PreparedStatement delete =
                    connection.prepareStatement("DELETE FROM registered_model WHERE name = ?")) {
                delete.setString(1, name);
                delete.executeUpdate();
            }
            AuditLog.append(
                    connection,
                    name,
                    AuditAction.MODEL_DELETED,
                    change,
                    now,
                    name + " (" + versions + " versions)",
                    null);
            return null;
        });
    }

    @Override
    public ModelVersion registerVersion(NewVersion request, Change change) {
        return register(request, List.of(), change);
    }

    @Override
    public ModelDirectory modelDirectory(String source) {
        return database.read(connection -> ModelSources.resolve(connection, source));
    }

    @Override
    public ModelVersion registerVersion(NewVersion request, ModelDirectory directory, Change change) {
        if (!request.source().equals(directory.source())) {
            throw new IllegalArgumentException("the version's source is not the directory's");
        }
        return register(request, directory.files(), change);
    }

    @Override
    public List<VersionFile> versionFiles(String model, int version) {
        return database.read(connection -> {
            VersionRows.require(connection, model, version);
            return DirectoryRows.ofVersion(connection, model, version);
        });
    }

    private ModelVersion register(NewVersion request, List<VersionFile> files, Change change) {
        Descriptions.check(request.description());
        Objects.requireNonNull(change, "change");
        long now = clock.millis();
        ModelVersion created = database.inTransaction(connection -> {
            ModelRows.touch(connection, request.model(), now);
            if (request.runId() != null
                    && LineageRows.run(connection, request.runId()).isEmpty()) {
                throw new UnknownRegistryEntry("cannot register a version of '" + request.model() + "' from run '"
                        + request.runId() + "': there is no such run in this store");
            }
            NewVersion complete = request;
            if (request.runId() != null && request.snapshotIds().isEmpty()) {
                // A version registered from a run (the MLflow client's way) inherits the run's data.
                complete = new NewVersion(
                        request.model(),
                        request.source(),
                        request.runId(),
                        LineageRows.runSnapshots(connection, request.runId()),
                        request.metrics(),
                        request.card(),
                        request.description());
            }
            int number = VersionRows.highest(connection, request.model()) + 1;
            VersionRows.insert(connection, complete, number, change, now);
            DirectoryRows.insert(connection, request.model(), number, files);
            AuditLog.append(
                    connection,
                    request.model(),
                    AuditAction.VERSION_CREATED,
                    change,
                    now,
                    null,
                    "v" + number + " from " + request.source().uri() + " (sha256 "
                            + request.source().sha256() + ")");
            ModelVersion version = VersionRows.require(connection, request.model(), number);
            RegistryOutbox.append(
                    connection, database.dialect(), new RegistryEvent.VersionCreated(version, change), now);
            return version;
        });
        listeners.publish(List.of(new RegistryEvent.VersionCreated(created, change)));
        return created;
    }

    @Override
    public SourceArtifact runArtifact(String runId, String path) {
        return database.read(connection -> LineageRows.runArtifact(connection, runId, path));
    }

    @Override
    public ModelVersion version(String model, int version) {
        return database.read(connection -> VersionRows.require(connection, model, version));
    }

    @Override
    public List<ModelVersion> versions(String model) {
        return database.read(connection -> VersionRows.all(connection, model));
    }

    @Override
    public ModelVersion updateVersionDescription(String model, int version, String description, Change change) {
        Descriptions.check(description);
        long now = clock.millis();
        String text = description == null ? "" : description;
        return database.inTransaction(connection -> {
            ModelRows.touch(connection, model, now);
            String before = VersionRows.require(connection, model, version).description();
            VersionRows.setDescription(connection, model, version, text);
            AuditLog.append(
                    connection,
                    model,
                    AuditAction.VERSION_UPDATED,
                    change,
                    now,
                    "v" + version + " description: " + before,
                    "v" + version + " description: " + text);
            return VersionRows.require(connection, model, version);
        });
    }

    @Override
    public ModelVersion archive(String model, int version, Change change) {
        long now = clock.millis();
        return database.inTransaction(connection -> {
            ModelRows.touch(connection, model, now);
            ModelVersion current = VersionRows.require(connection, model, version);
            if (current.status() == VersionStatus.ARCHIVED) {
                return current;
            }
            if (!current.aliases().isEmpty()) {
                throw new RegistryConflict("cannot archive version " + version + " of model '" + model + "': aliases "
                        + current.aliases() + " point at it; move them to another version first");
            }
            VersionRows.setStatus(connection, model, version, VersionStatus.ARCHIVED);
            AuditLog.append(
                    connection,
                    model,
                    AuditAction.VERSION_ARCHIVED,
                    change,
                    now,
                    "v" + version + " " + VersionStatus.READY,
                    "v" + version + " " + VersionStatus.ARCHIVED);
            return VersionRows.require(connection, model, version);
        });
    }

    @Override
    public ModelVersion setAlias(String model, AliasName alias, int version, Change change) {
        long now = clock.millis();
        List<RegistryEvent> events = new ArrayList<>();
        ModelVersion target = database.inTransaction(connection -> {
            events.clear();
            ModelRows.touch(connection, model, now);
            requireReady(VersionRows.require(connection, model, version), alias);
            Optional<Integer> before = AliasRows.current(connection, model, alias);
            if (before.isPresent() && before.get() == version) {
                return VersionRows.require(connection, model, version);
            }
            AliasRows.point(connection, model, alias, version);
            AliasRows.recordMove(connection, model, alias, before.orElse(null), version, false, now);
            AuditLog.append(
                    connection,
                    model,
                    AuditAction.ALIAS_SET,
                    change,
                    now,
                    before.map(v -> alias + " -> v" + v).orElse(null),
                    alias + " -> v" + version);
            RegistryEvent moved =
                    new RegistryEvent.AliasMoved(model, alias, before.orElse(null), version, false, change);
            RegistryOutbox.append(connection, database.dialect(), moved, now);
            events.add(moved);
            return VersionRows.require(connection, model, version);
        });
        listeners.publish(events);
        return target;
    }

    @Override
    public void deleteAlias(String model, AliasName alias, Change change) {
        long now = clock.millis();
        Integer removed = database.inTransaction(connection -> {
            ModelRows.touch(connection, model, now);
            int before = requireAlias(connection, model, alias);
            AliasRows.remove(connection, model, alias);
            AliasRows.recordMove(connection, model, alias, before, null, false, now);
            AuditLog.append(connection, model, AuditAction.ALIAS_DELETED, change, now, alias + " -> v" + before, null);
            RegistryOutbox.append(
                    connection,
                    database.dialect(),
                    new RegistryEvent.AliasMoved(model, alias, before, null, false, change),
                    now);
            return before;
        });
        listeners.publish(List.of(new RegistryEvent.AliasMoved(model, alias, removed, null, false, change)));
    }

    @Override
    public ModelVersion versionByAlias(String model, AliasName alias) {
        return database.read(
                connection -> VersionRows.require(connection, model, requireAlias(connection, model, alias)));
    }

    @Override
    public ModelVersion rollback(String model, AliasName alias, Change change) {
        long now = clock.millis();
        int[] from = new int[1];
        ModelVersion target = database.inTransaction(connection -> {
            ModelRows.touch(connection, model, now);
            int current = requireAlias(connection, model, alias);
            AliasRows.Move last = AliasRows.lastUndoableMove(connection, model, alias)
                    .filter(move -> move.from() != null && Objects.equals(move.to(), current))
                    .orElseThrow(() -> new RegistryConflict("cannot roll back alias '" + alias + "' of model '" + model
                            + "': it held no other version before v" + current));
            ModelVersion previous = VersionRows.require(connection, model, last.from());
            if (previous.status() == VersionStatus.ARCHIVED) {
                throw new RegistryConflict("cannot roll back alias '" + alias + "' of model '" + model + "' to version "
                        + previous.version() + ": that version is archived");
            }
            AliasRows.point(connection, model, alias, previous.version());
            AliasRows.markRolledBack(connection, last.id());
            AliasRows.recordMove(connection, model, alias, current, previous.version(), true, now);
            AuditLog.append(
                    connection,
                    model,
                    AuditAction.ALIAS_ROLLED_BACK,
                    change,
                    now,
                    alias + " -> v" + current,
                    alias + " -> v" + previous.version());
            from[0] = current;
            RegistryOutbox.append(
                    connection,
                    database.dialect(),
                    new RegistryEvent.AliasMoved(model, alias, current, previous.version(), true, change),
                    now);
            return VersionRows.require(connection, model, previous.version());
        });
        listeners.publish(List.of(new RegistryEvent.AliasMoved(model, alias, from[0], target.version(), true, change)));
        return target;
    }

    @Override
    public Deployment recordDeployment(Deployment deployment, Change change) {
        Deployment[] previous = new Deployment[1];
        long now = clock.millis();
        database.inTransaction(connection -> {
            ModelRows.touch(connection, deployment.model(), now);
            VersionRows.require(connection, deployment.model(), deployment.version());
            previous[0] = DeploymentRows.at(connection, deployment.model(), deployment.backend(), deployment.node())
                    .orElse(null);
            DeploymentRows.put(connection, deployment);
            AuditLog.append(
                    connection,
                    deployment.model(),
                    AuditAction.DEPLOYMENT_CHANGED,
                    change,
                    deployment.updatedAt(),
                    previous[0] == null ? null : previous[0].label(),
                    deployment.label());
            RegistryOutbox.append(
                    connection,
                    database.dialect(),
                    new RegistryEvent.DeploymentChanged(deployment, previous[0], change),
                    now);
            return null;
        });
        listeners.publish(List.of(new RegistryEvent.DeploymentChanged(deployment, previous[0], change)));
        return deployment;
    }

    @Override
    public void announce(RegistryEvent event) {
        if (!(event instanceof RegistryEvent.AlertChanged || event instanceof RegistryEvent.LabelingProgressed)) {
            throw new IllegalArgumentException("only alerts and labeling progress are announced; the registry raises "
                    + RegistryEventCodec.kind(event) + " itself");
        }
        ModelNames.check(event.model());
        long now = clock.millis();
        database.inTransaction(connection -> {
            RegistryOutbox.append(connection, database.dialect(), event, now);
            return null;
        });
        listeners.publish(List.of(event));
    }

    @Override
    public List<Deployment> deployments(String model) {
        return database.read(connection -> {
            ModelRows.require(connection, model);
            return DeploymentRows.of(connection, model);
        });
    }

    @Override
    public List<AuditEntry> audit(String model) {
        return database.read(connection -> AuditLog.read(connection, model));
    }

    @Override
    public Lineage lineage(String model, int version) {
        return database.read(connection -> {
            ModelVersion found = VersionRows.require(connection, model, version);
            RunLineage run = found.runId() == null
                    ? null
                    : LineageRows.run(connection, found.runId()).orElse(null);
            List<SnapshotLineage> snapshots = new ArrayList<>();
            for (String id : found.snapshotIds()) {
                snapshots.add(LineageRows.snapshot(connection, id));
            }
            return new Lineage(found, run, snapshots, DeploymentRows.ofVersion(connection, model, version));
        });
    }

    @Override
    public Map<String, String> versionTags(String model, int version) {
        return database.read(connection -> {
            VersionRows.require(connection, model, version);
            return MlflowVersionRows.tags(connection, model, version);
        });
    }

    @Override
    public ModelVersion setVersionTag(String model, int version, String key, String value, Change change) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        long now = clock.millis();
        return database.inTransaction(connection -> {
            ModelRows.touch(connection, model, now);
            VersionRows.require(connection, model, version);
            String before = MlflowVersionRows.tags(connection, model, version).get(key);
            MlflowVersionRows.setTag(connection, model, version, key, value);
            AuditLog.append(
                    connection,
                    model,
                    AuditAction.VERSION_UPDATED,
                    change,
                    now,
                    before == null ? null : "v" + version + " tag " + key + "=" + before,
                    "v" + version + " tag " + key + "=" + value);
            return VersionRows.require(connection, model, version);
        });
    }

    @Override
    public void deleteVersionTag(String model, int version, String key, Change change) {
        long now = clock.millis();
        database.inTransaction(connection -> {
            ModelRows.touch(connection, model, now);
            VersionRows.require(connection, model, version);
            String before = MlflowVersionRows.tags(connection, model, version).get(key);
            if (MlflowVersionRows.deleteTag(connection, model, version, key)) {
                AuditLog.append(
                        connection,
                        model,
                        AuditAction.VERSION_UPDATED,
                        change,
                        now,
                        "v" + version + " tag " + key + "=" + before,
                        null);
            }
            return null;
        });
    }

    @Override
    public void deleteModelTag(String name, String key, Change change) {
        long now = clock.millis();
        database.inTransaction(connection -> {
            String before = ModelRows.require(connection, name).tags().get(key);
            if (before == null) {
                return null;
            }
            ModelRows.touch(connection, name, now);
            try (PreparedStatement delete =
                    connection.prepareStatement("DELETE FROM registered_model_tag WHERE model = ? AND key = ?")) {
                delete.setString(1, name);
                delete.setString(2, key);
                delete.executeUpdate();
            }
            AuditLog.append(
                    connection, name, AuditAction.MODEL_UPDATED, change, now, "tag " + key + "=" + before, null);
            return null;
        });
    }

    @Override
    public String versionStage(String model, int version) {
        return database.read(connection -> {
            VersionRows.require(connection, model, version);
            return MlflowVersionRows.stage(connection, model, version);
        });
    }

    @Override
    public ModelVersion transitionStage(
            String model, int version, String stage, boolean archiveExisting, Change change) {
        long now = clock.millis();
        return database.inTransaction(connection -> {
            ModelRows.touch(connection, model, now);
            VersionRows.require(connection, model, version);
            String before = MlflowVersionRows.stage(connection, model, version);
            if (archiveExisting && (stage.equals("Staging") || stage.equals("Production"))) {
                for (int other : MlflowVersionRows.inStage(connection, model, stage)) {
                    if (other != version) {
                        MlflowVersionRows.setStage(connection, model, other, "Archived", now);
                        AuditLog.append(
                                connection,
                                model,
                                AuditAction.VERSION_UPDATED,
                                change,
                                now,
                                "v" + other + " stage " + stage,
                                "v" + other + " stage Archived");
                    }
                }
            }
            MlflowVersionRows.setStage(connection, model, version, stage, now);
            AuditLog.append(
                    connection,
                    model,
                    AuditAction.VERSION_UPDATED,
                    change,
                    now,
                    "v" + version + " stage " + before,
                    "v" + version + " stage " + stage);
            return VersionRows.require(connection, model, version);
        });
    }

    @Override
    public void deleteVersion(String model, int version, Change change) {
        long now = clock.millis();
        database.inTransaction(connection -> {
            ModelRows.touch(connection, model, now);
            ModelVersion doomed = VersionRows.require(connection, model, version);
            MlflowVersionRows.markDeleted(connection, model, version, now);
            AuditLog.append(
                    connection,
                    model,
                    AuditAction.VERSION_DELETED,
                    change,
                    now,
                    "v" + version + " from " + doomed.source().uri()
                            + (doomed.aliases().isEmpty() ? "" : " (aliases " + doomed.aliases() + ")"),
                    null);
            return null;
        });
    }

    @Override
    public RegisteredModel renameModel(String name, String newName, Change change) {
        ModelNames.check(newName);
        long now = clock.millis();
        return database.inTransaction(connection -> {
            ModelRows.require(connection, name);
            if (name.equals(newName)) {
                return ModelRows.require(connection, name);
            }
            if (ModelRows.exists(connection, newName)) {
                throw new DuplicateRegistryEntry("a registered model named '" + newName + "' already exists");
            }
            MlflowVersionRows.rename(connection, name, newName, now);
            AuditLog.append(connection, name, AuditAction.MODEL_UPDATED, change, now, name, "renamed to " + newName);
            AuditLog.append(
                    connection, newName, AuditAction.MODEL_UPDATED, change, now, "renamed from " + name, newName);
            return ModelRows.require(connection, newName);
        });
    }

    private static void requireReady(ModelVersion version, AliasName alias) {
        if (version.status() == VersionStatus.ARCHIVED) {
            throw new RegistryConflict("cannot move alias '" + alias + "' of model '" + version.model()
                    + "' to version " + version.version() + ": that version is archived");
        }
    }

    private static int requireAlias(Connection connection, String model, AliasName alias) throws SQLException {
        ModelRows.require(connection, model);
        return AliasRows.current(connection, model, alias)
                .orElseThrow(() -> new UnknownRegistryEntry("model '" + model + "' has no alias '" + alias + "'"));
    }

    private static void putTag(Connection connection, String model, String key, String value) throws SQLException {
        try (PreparedStatement insert =
                connection.prepareStatement("INSERT INTO registered_model_tag(model, key, value) VALUES (?, ?, ?)")) {
            insert.setString(1, model);
            insert.setString(2, key);
            insert.setString(3, value);
            insert.executeUpdate();
        }
    }
}
