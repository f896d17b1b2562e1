package io.mlops.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes model versions with their snapshots, metrics and aliases; a model's versions
 * are read in four queries whatever their number.
 */
final class VersionRows {
    private static final String COLUMNS = "version, source, content_hash, size_bytes, run_id, description, status,"
            + " created_by, created_at, card_inputs, card_outputs, card_opset";

    private VersionRows() {}

    static ModelVersion require(Connection connection, String model, int version) throws SQLException {
        List<ModelVersion> found = read(connection, model, version);
        if (found.isEmpty()) {
            ModelRows.require(connection, model);
            throw new UnknownRegistryEntry("model '" + model + "' has no version " + version + " (its highest is "
                    + highest(connection, model) + ")");
        }
        return found.getFirst();
    }

    static List<ModelVersion> all(Connection connection, String model) throws SQLException {
        ModelRows.require(connection, model);
        return read(connection, model, null);
    }

    static int highest(Connection connection, String model) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT COALESCE(MAX(version), 0) FROM model_version WHERE model = ?")) {
            select.setString(1, model);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                // A deleted version's number is never handed out again, as in MLflow.
                return Math.max(rows.getInt(1), MlflowVersionRows.highestDeleted(connection, model));
            }
        }
    }

    static void insert(Connection connection, NewVersion request, int number, Change change, long now)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO model_version(model, " + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, request.model());
            insert.setInt(2, number);
            insert.setString(3, request.source().uri());
            insert.setString(4, request.source().sha256());
            insert.setLong(5, request.source().sizeBytes());
            insert.setString(6, request.runId());
            insert.setString(7, request.description());
            insert.setString(8, VersionStatus.READY.name());
            insert.setString(9, change.actor());
            insert.setLong(10, now);
            insert.setString(11, request.card().inputs());
            insert.setString(12, request.card().outputs());
            insert.setObject(13, request.card().opset(), java.sql.Types.INTEGER);
            insert.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO model_version_snapshot(model, version, snapshot_id) VALUES (?, ?, ?)")) {
            for (String snapshot : new java.util.LinkedHashSet<>(request.snapshotIds())) {
                insert.setString(1, request.model());
                insert.setInt(2, number);
                insert.setString(3, snapshot);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO model_version_metric(model, version, key, value) VALUES (?, ?, ?, ?)")) {
            for (Map.Entry<String, Double> metric : request.metrics().entrySet()) {
                insert.setString(1, request.model());
                insert.setInt(2, number);
                insert.setString(3, metric.getKey());
                insert.setDouble(4, metric.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    static void setDescription(Connection connection, String model, int version, String description)
            throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE model_version SET description = ? WHERE model = ? AND version = ?")) {
            update.setString(1, description);
            update.setString(2, model);
            update.setInt(3, version);
            update.executeUpdate();
        }
    }

    static void setStatus(Connection connection, String model, int version, VersionStatus status) throws SQLException {
        try (PreparedStatement update =
                connection.prepareStatement("UPDATE model_version SET status = ? WHERE model = ? AND version = ?")) {
            update.setString(1, status.name());
            update.setString(2, model);
            update.setInt(3, version);
            update.executeUpdate();
        }
    }

    private static List<ModelVersion> read(Connection connection, String model, Integer version) throws SQLException {
        String where = " WHERE model = ?" + (version == null ? "" : " AND version = ?");
        Map<Integer, List<String>> snapshots = new HashMap<>();
        query(
                connection,
                "SELECT version, snapshot_id FROM model_version_snapshot" + where + " ORDER BY snapshot_id",
                model,
                version,
                rows -> snapshots
                        .computeIfAbsent(rows.getInt(1), k -> new ArrayList<>())
                        .add(rows.getString(2)));
        Map<Integer, Map<String, Double>> metrics = new HashMap<>();
        query(
                connection,
                "SELECT version, key, value FROM model_version_metric" + where,
                model,
                version,
                rows -> metrics.computeIfAbsent(rows.getInt(1), k -> new HashMap<>())
                        .put(rows.getString(2), rows.getDouble(3)));
        Map<Integer, List<String>> aliases = new HashMap<>();
        query(
                connection,
                "SELECT version, alias FROM model_alias" + where + " ORDER BY alias",
                model,
                version,
                rows -> aliases.computeIfAbsent(rows.getInt(1), k -> new ArrayList<>())
                        .add(rows.getString(2)));
        List<ModelVersion> versions = new ArrayList<>();
        query(
                connection,
                "SELECT " + COLUMNS + " FROM model_version" + where + " ORDER BY version",
                model,
                version,
                rows -> {
                    int number = rows.getInt(1);
                    int opset = rows.getInt(12);
                    Integer card = rows.wasNull() ? null : opset;
                    versions.add(new ModelVersion(
                            model,
                            number,
                            new SourceArtifact(rows.getString(2), rows.getString(3), rows.getLong(4)),
                            rows.getString(5),
                            snapshots.getOrDefault(number, List.of()),
                            metrics.getOrDefault(number, Map.of()),
                            new ModelCardFields(rows.getString(10), rows.getString(11), card),
                            rows.getString(6),
                            VersionStatus.valueOf(rows.getString(7)),
                            rows.getString(8),
                            rows.getLong(9),
                            aliases.getOrDefault(number, List.of())));
                });
        return versions;
    }

    private static void query(Connection connection, String sql, String model, Integer version, RowReader reader)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, model);
            if (version != null) {
                select.setInt(2, version);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    reader.read(rows);
                }
            }
        }
    }

    @FunctionalInterface
    private interface RowReader {
        void read(ResultSet rows) throws SQLException;
    }
}
