package io.mlops.cli.server;

import io.mlops.registry.AliasName;
import io.mlops.registry.Change;
import io.mlops.registry.Deployment;
import io.mlops.registry.DeploymentStatus;
import io.mlops.registry.JdbcModelRegistry;
import io.mlops.registry.ModelCardFields;
import io.mlops.registry.NewVersion;
import io.mlops.registry.SourceArtifact;
import io.mlops.store.Database;
import io.mlops.tracking.JdbcTrackingStore;
import io.mlops.tracking.Metric;
import io.mlops.tracking.NewRun;
import io.mlops.tracking.Param;
import io.mlops.tracking.Tag;
import io.mlops.tracking.TrackingStore;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;

/**
 * A small registry with every kind of record the registry API shows: model {@code persons} with
 * three versions from two runs (params, metrics, a git commit and a data snapshot), alias
 * {@code production} set, moved and rolled back, version 3 archived, a deployment, and a second
 * model {@code cars} without versions.
 */
final class RegistrySeed {
    static final String HASH = "a".repeat(64);
    static final String SNAPSHOT = "0123456789abcdef0123456789abcdef";
    static final long NOW = 1_700_000_000_000L;

    final JdbcModelRegistry registry;
    final String firstRun;
    final String secondRun;

    RegistrySeed(Database database) {
        this.registry = new JdbcModelRegistry(database);
        TrackingStore tracking = new JdbcTrackingStore(database);
        firstRun = run(tracking, "train-1", "0.01", 0.61);
        secondRun = run(tracking, "train-2", "0.001", 0.67);
        database.inTransaction(connection -> {
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO snapshot(id, object_id,"
                    + " directory, source_path, cache_root, file_count, total_size, created_at, git_commit)"
                    + " VALUES (?, ?, 1, 'data/train', '.dvc/cache', 3, 300, '2024-01-01T00:00:00Z', 'def456')")) {
                insert.setString(1, SNAPSHOT);
                insert.setString(2, SNAPSHOT);
                insert.executeUpdate();
            }
            return null;
        });
        Change alice = Change.by("alice");
        registry.createModel("persons", "detects persons", Map.of("team", "vision"), alice);
        registry.createModel("cars", "", Map.of(), alice);
        version(firstRun, Map.of("mAP50", 0.61, "latency_ms", 12.0));
        version(secondRun, Map.of("mAP50", 0.67, "latency_ms", 14.5));
        version(secondRun, Map.of("mAP50", 0.5));
        AliasName production = new AliasName("production");
        registry.setAlias("persons", production, 1, new Change("alice", "first release"));
        registry.setAlias("persons", production, 2, new Change("bob", "better mAP"));
        registry.rollback("persons", production, new Change("carol", "latency regression"));
        registry.archive("persons", 3, new Change("alice", "worse"));
        registry.recordDeployment(
                new Deployment(
                        "persons",
                        1,
                        "onnxruntime",
                        "gpu-1",
                        "http://gpu-1:8000/v2/models/persons",
                        DeploymentStatus.RUNNING,
                        NOW),
                alice);
    }

    private void version(String runId, Map<String, Double> metrics) {
        registry.registerVersion(
                new NewVersion(
                        "persons",
                        new SourceArtifact("runs:/" + runId + "/model.onnx", HASH, 1234),
                        runId,
                        List.of(SNAPSHOT),
                        metrics,
                        new ModelCardFields("images: float32[N,3,640,640]", "boxes: float32[N,84,8400]", 17),
                        ""),
                Change.by("alice"));
    }

    private static String run(TrackingStore tracking, String name, String lr, double map) {
        String id = tracking.createRun(
                        new NewRun("0", "alice", NOW, name, List.of(new Tag("mlflow.source.git.commit", "abc123"))))
                .id();
        tracking.logBatch(
                id,
                List.of(new Metric("mAP50", map / 2, NOW, 0), new Metric("mAP50", map, NOW, 1)),
                List.of(new Param("lr", lr), new Param("epochs", "10")),
                List.of());
        return id;
    }
}
