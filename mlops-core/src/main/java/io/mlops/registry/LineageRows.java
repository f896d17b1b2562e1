package io.mlops.registry;

import io.mlops.tracking.RunContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what lineage needs from the tracking and snapshot tables of the same store: runs, their
 * git commit tag, snapshots and their commits, and run artifacts.
 */
final class LineageRows {
    // The tag MLflow clients and trackRun record the training code's commit under.
    private static final String GIT_COMMIT_TAG = "mlflow.source.git.commit";

    private LineageRows() {}

    static Optional<RunLineage> run(Connection connection, String runId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT r.experiment_id, r.name, r.status,"
                + " (SELECT t.value FROM run_tag t WHERE t.run_id = r.id AND t.key = ?) FROM run r WHERE r.id = ?")) {
            select.setString(1, GIT_COMMIT_TAG);
            select.setString(2, runId);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                return Optional.of(new RunLineage(
                        runId,
                        rows.getString(1),
                        rows.getString(2),
                        rows.getString(3),
                        rows.getString(4),
                        params(connection, runId),
                        latestMetrics(connection, runId)));
            }
        }
    }

    private static Map<String, String> params(Connection connection, String runId) throws SQLException {
        Map<String, String> params = new HashMap<>();
        try (PreparedStatement select =
                connection.prepareStatement("SELECT key, value FROM run_param WHERE run_id = ?")) {
            select.setString(1, runId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    params.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return params;
    }

    // latest_metric keeps one row per key, so this reads a handful of rows however long the history.
    private static Map<String, Double> latestMetrics(Connection connection, String runId) throws SQLException {
        Map<String, Double> metrics = new HashMap<>();
        try (PreparedStatement select =
                connection.prepareStatement("SELECT key, value FROM latest_metric WHERE run_id = ? AND is_nan = 0")) {
            select.setString(1, runId);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    metrics.put(rows.getString(1), rows.getDouble(2));
                }
            }
        }
        return metrics;
    }

    /** The data snapshots a run recorded as its inputs (see {@code RunContext}), by id. */
    static List<String> runSnapshots(Connection connection, String runId) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT DISTINCT digest FROM run_dataset" + " WHERE run_id = ? AND source_type = ? ORDER BY digest")) {
            select.setString(1, runId);
            select.setString(2, RunContext.SNAPSHOT_SOURCE_TYPE);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    if (rows.getString(1).matches("[0-9a-f]{32}")) {
                        ids.add(rows.getString(1));
                    }
                }
            }
        }
        return ids;
    }

    static SnapshotLineage snapshot(Connection connection, String snapshotId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT source_path, git_commit, file_count, total_size FROM snapshot" + " WHERE id = ?")) {
            select.setString(1, snapshotId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next()
                        ? new SnapshotLineage(
                                snapshotId, rows.getString(1), rows.getString(2), rows.getInt(3), rows.getLong(4))
                        : new SnapshotLineage(snapshotId, null, null, null, null);
            }
        }
    }

    static SourceArtifact runArtifact(Connection connection, String runId, String path) throws SQLException {
        if (run(connection, runId).isEmpty()) {
            throw new UnknownRegistryEntry("no tracking run with id '" + runId + "' in this store");
        }
        try (PreparedStatement select =
                connection.prepareStatement("SELECT blob, size FROM run_artifact WHERE run_id = ? AND path = ?")) {
            select.setString(1, runId);
            select.setString(2, path);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    throw new UnknownRegistryEntry("run '" + runId + "' has no artifact '" + path + "'");
                }
                return new SourceArtifact("runs:/" + runId + "/" + path, rows.getString(1), rows.getLong(2));
            }
        }
    }
}
