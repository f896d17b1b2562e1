package io.mlops.tracking;

import io.mlops.blob.Blob;
import io.mlops.blob.BlobId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tables of logged models (migration 7): {@code logged_model} with its tags, params, linked
 * metric points and artifact files, and {@code run_output}, the models a run produced.
 */
final class LoggedModelRows {
    private static final String COLUMNS = "id, experiment_id, name, artifact_location, creation_time,"
            + " last_updated_time, status, status_message, lifecycle_stage, model_type, source_run_id";

    private LoggedModelRows() {}

    static void insert(Connection connection, LoggedModel model) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO logged_model(" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, model.id());
            insert.setLong(2, Long.parseLong(model.experimentId()));
            insert.setString(3, model.name());
            insert.setString(4, model.artifactLocation());
            insert.setLong(5, model.creationTime());
            insert.setLong(6, model.lastUpdatedTime());
            insert.setString(7, model.status().name());
            setNullable(insert, 8, model.statusMessage());
            insert.setString(9, model.lifecycleStage().wireName());
            setNullable(insert, 10, model.modelType());
            setNullable(insert, 11, model.sourceRunId());
            insert.executeUpdate();
        }
    }

    /** Reads models with their tags, params and metrics, in the order of the ids given. */
    static List<LoggedModel> byIds(Connection connection, List<String> ids) throws SQLException {
        Map<String, LoggedModel> found = new LinkedHashMap<>();
        for (String id : ids) {
            find(connection, id).ifPresent(model -> found.put(id, model));
        }
        return new ArrayList<>(found.values());
    }

    static Optional<LoggedModel> find(Connection connection, String id) throws SQLException {
        try (PreparedStatement query =
                connection.prepareStatement("SELECT " + COLUMNS + " FROM logged_model WHERE id = ?")) {
            query.setString(1, id);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(new LoggedModel(
                        row.getString(1),
                        Long.toString(row.getLong(2)),
                        row.getString(3),
                        row.getString(4),
                        row.getLong(5),
                        row.getLong(6),
                        LoggedModelStatus.valueOf(row.getString(7)),
                        row.getString(8),
                        LifecycleStage.parse(row.getString(9)),
                        row.getString(10),
                        row.getString(11),
                        keyValues(connection, "logged_model_tag", id).entrySet().stream()
                                .map(tag -> new Tag(tag.getKey(), tag.getValue()))
                                .toList(),
                        keyValues(connection, "logged_model_param", id).entrySet().stream()
                                .map(param -> new Param(param.getKey(), param.getValue()))
                                .toList(),
                        metrics(connection, id)));
            }
        }
    }

    static void update(Connection connection, String id, String column, String value, long now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE logged_model SET " + column + " = ?, last_updated_time = ? WHERE id = ?")) {
            update.setString(1, value);
            update.setLong(2, now);
            update.setString(3, id);
            update.executeUpdate();
        }
    }

    static void upsert(Connection connection, String table, String id, Map<String, String> values) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO " + table + "(model_id, key, value)"
                + " VALUES (?, ?, ?) ON CONFLICT (model_id, key) DO UPDATE SET value = excluded.value")) {
            for (Map.Entry<String, String> entry : values.entrySet()) {
                upsert.setString(1, id);
                upsert.setString(2, entry.getKey());
                upsert.setString(3, entry.getValue());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    static boolean deleteTag(Connection connection, String id, String key) throws SQLException {
        try (PreparedStatement delete =
                connection.prepareStatement("DELETE FROM logged_model_tag WHERE model_id = ? AND key = ?")) {
            delete.setString(1, id);
            delete.setString(2, key);
            return delete.executeUpdate() > 0;
        }
    }

    static void logMetrics(Connection connection, List<ModelMetric> metrics) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO logged_model_metric(model_id, key,"
                + " timestamp, step, value, is_nan, run_id, dataset_name, dataset_digest)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (ModelMetric point : metrics) {
                Metric metric = point.metric();
                boolean nan = Double.isNaN(metric.value());
                insert.setString(1, point.modelId());
                insert.setString(2, metric.key());
                insert.setLong(3, metric.timestamp());
                insert.setLong(4, metric.step());
                insert.setDouble(5, nan ? 0 : metric.value());
                insert.setInt(6, nan ? 1 : 0);
                insert.setString(7, point.runId());
                insert.setString(8, point.datasetName());
                insert.setString(9, point.datasetDigest());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    static void logOutputs(Connection connection, String runId, List<ModelOutput> outputs) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO run_output(run_id, model_id, step) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            for (ModelOutput output : outputs) {
                insert.setString(1, runId);
                insert.setString(2, output.modelId());
                insert.setLong(3, output.step());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    static List<ModelOutput> outputs(Connection connection, String runId) throws SQLException {
        List<ModelOutput> outputs = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT model_id, step FROM run_output WHERE run_id = ? ORDER BY model_id")) {
            query.setString(1, runId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    outputs.add(new ModelOutput(rows.getString(1), rows.getLong(2)));
                }
            }
        }
        return outputs;
    }

    static void recordArtifact(Connection connection, ModelArtifact artifact, long now) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(
                "INSERT INTO logged_model_artifact(model_id, path, blob, size, created_at) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (model_id, path) DO UPDATE SET blob = excluded.blob, size = excluded.size,"
                        + " created_at = excluded.created_at")) {
            upsert.setString(1, artifact.modelId());
            upsert.setString(2, artifact.path());
            upsert.setString(3, artifact.blob().id().sha256());
            upsert.setLong(4, artifact.blob().size());
            upsert.setLong(5, now);
            upsert.executeUpdate();
        }
    }

    /** The artifact at a path, or every artifact under it when the path is a directory (empty: all). */
    static List<ModelArtifact> artifacts(Connection connection, String id, String path) throws SQLException {
        BoundSql sql = new BoundSql()
                .append("SELECT path, blob, size FROM logged_model_artifact WHERE model_id = ")
                .bind(id);
        if (!path.isEmpty()) {
            String prefix = path + "/";
            sql.append(" AND (path = ")
                    .bind(path)
                    .append(" OR substr(path, 1, ")
                    .bind(prefix.codePointCount(0, prefix.length()))
                    .append(") = ")
                    .bind(prefix)
                    .append(")");
        }
        sql.append(" ORDER BY path");
        List<ModelArtifact> artifacts = new ArrayList<>();
        try (PreparedStatement query = sql.prepare(connection);
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                artifacts.add(new ModelArtifact(
                        id, rows.getString(1), new Blob(BlobId.parse(rows.getString(2)), rows.getLong(3))));
            }
        }
        return artifacts;
    }

    private static Map<String, String> keyValues(Connection connection, String table, String id) throws SQLException {
        Map<String, String> values = new LinkedHashMap<>();
        try (PreparedStatement query =
                connection.prepareStatement("SELECT key, value FROM " + table + " WHERE model_id = ? ORDER BY key")) {
            query.setString(1, id);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    values.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return values;
    }

    private static List<ModelMetric> metrics(Connection connection, String id) throws SQLException {
        List<ModelMetric> metrics = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT key, timestamp, step, value, is_nan,"
                + " run_id, dataset_name, dataset_digest FROM logged_model_metric WHERE model_id = ?"
                + " ORDER BY key, step, timestamp")) {
            query.setString(1, id);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    double value = rows.getInt(5) == 1 ? Double.NaN : rows.getDouble(4);
                    metrics.add(new ModelMetric(
                            id,
                            rows.getString(6),
                            new Metric(rows.getString(1), value, rows.getLong(2), rows.getLong(3)),
                            rows.getString(7),
                            rows.getString(8)));
                }
            }
        }
        return metrics;
    }

    private static void setNullable(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }
}
