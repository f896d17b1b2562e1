package io.mlops.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The SQL of what MLflow's registry protocol keeps beside a version (migration 8): its tags, its
 * stage, the numbers of deleted versions, and the moves a model's rename makes.
 */
final class MlflowVersionRows {
    /** The stage of a version nobody has moved, as MLflow names it. */
    static final String NO_STAGE = "None";

    // Tables that name a model, moved by a rename after the model's versions exist under the new name.
    private static final List<String> MODEL_CHILDREN = List.of(
            "registered_model_tag",
            "model_version_snapshot",
            "model_version_metric",
            "model_alias",
            "alias_move",
            "deployment",
            "model_version_tag",
            "model_version_stage",
            "model_version_deleted");

    private MlflowVersionRows() {}

    static Map<String, String> tags(Connection connection, String model, int version) throws SQLException {
        Map<String, String> tags = new TreeMap<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT key, value FROM model_version_tag WHERE model = ? AND version = ?")) {
            select.setString(1, model);
            select.setInt(2, version);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    tags.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return tags;
    }

    static void setTag(Connection connection, String model, int version, String key, String value) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO model_version_tag(model, version,"
                + " key, value) VALUES (?, ?, ?, ?) ON CONFLICT (model, version, key) DO UPDATE SET value ="
                + " excluded.value")) {
            upsert.setString(1, model);
            upsert.setInt(2, version);
            upsert.setString(3, key);
            upsert.setString(4, value);
            upsert.executeUpdate();
        }
    }

    static boolean deleteTag(Connection connection, String model, int version, String key) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "DELETE FROM model_version_tag WHERE model = ? AND version = ? AND key = ?")) {
            delete.setString(1, model);
            delete.setInt(2, version);
            delete.setString(3, key);
            return delete.executeUpdate() > 0;
        }
    }

    static String stage(Connection connection, String model, int version) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT stage FROM model_version_stage WHERE model = ? AND version = ?")) {
            select.setString(1, model);
            select.setInt(2, version);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rows.getString(1) : NO_STAGE;
            }
        }
    }

    static void setStage(Connection connection, String model, int version, String stage, long now) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO model_version_stage(model, version,"
                + " stage, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT (model, version) DO UPDATE SET stage ="
                + " excluded.stage, updated_at = excluded.updated_at")) {
            upsert.setString(1, model);
            upsert.setInt(2, version);
            upsert.setString(3, stage);
            upsert.setLong(4, now);
            upsert.executeUpdate();
        }
    }

    static List<Integer> inStage(Connection connection, String model, String stage) throws SQLException {
        List<Integer> versions = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT version FROM model_version_stage WHERE model = ? AND stage = ? ORDER BY version")) {
            select.setString(1, model);
            select.setString(2, stage);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    versions.add(rows.getInt(1));
                }
            }
        }
        return versions;
    }

    static void markDeleted(Connection connection, String model, int version, long now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO model_version_deleted(model, version, deleted_at) VALUES (?, ?, ?)")) {
            insert.setString(1, model);
            insert.setInt(2, version);
            insert.setLong(3, now);
            insert.executeUpdate();
        }
        try (PreparedStatement delete =
                connection.prepareStatement("DELETE FROM model_version WHERE model = ? AND version = ?")) {
            delete.setString(1, model);
            delete.setInt(2, version);
            delete.executeUpdate();
        }
    }

    static int highestDeleted(Connection connection, String model) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT COALESCE(MAX(version), 0) FROM model_version_deleted WHERE model = ?")) {
            select.setString(1, model);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    static void forgetDeleted(Connection connection, String model) throws SQLException {
        try (PreparedStatement delete =
                connection.prepareStatement("DELETE FROM model_version_deleted WHERE model = ?")) {
            delete.setString(1, model);
            delete.executeUpdate();
        }
    }

    /**
     * Renames a model in place of its rows: the model and its versions are copied under the new
     * name (every column, whatever later migrations add), the rows that name the model move, then
     * the old rows go. This order keeps every foreign key satisfied at each statement, in SQLite
     * and PostgreSQL alike.
     */
    static void rename(Connection connection, String from, String to, long now) throws SQLException {
        copy(connection, "registered_model", "name", from, to);
        try (PreparedStatement touch =
                connection.prepareStatement("UPDATE registered_model SET last_updated_at = ? WHERE name = ?")) {
            touch.setLong(1, now);
            touch.setString(2, to);
            touch.executeUpdate();
        }
        copy(connection, "model_version", "model", from, to);
        for (String table : MODEL_CHILDREN) {
            move(connection, "UPDATE " + table + " SET model = ? WHERE model = ?", to, from);
        }
        move(connection, "UPDATE registry_webhook SET model = ? WHERE model = ?", to, from);
        for (String sql :
                List.of("DELETE FROM model_version WHERE model = ?", "DELETE FROM registered_model WHERE name = ?")) {
            try (PreparedStatement delete = connection.prepareStatement(sql)) {
                delete.setString(1, from);
                delete.executeUpdate();
            }
        }
    }

    private static void copy(Connection connection, String table, String key, String from, String to)
            throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement probe = connection.prepareStatement("SELECT * FROM " + table + " WHERE 1 = 0");
                ResultSet rows = probe.executeQuery()) {
            ResultSetMetaData meta = rows.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnName(i));
            }
        }
        List<String> selected = columns.stream()
                .map(column -> column.equalsIgnoreCase(key) ? "?" : column)
                .toList();
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table + "("
                + String.join(", ", columns) + ") SELECT " + String.join(", ", selected) + " FROM " + table
                + " WHERE " + key + " = ?")) {
            insert.setString(1, to);
            insert.setString(2, from);
            insert.executeUpdate();
        }
    }

    private static void move(Connection connection, String sql, String to, String from) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            update.setString(1, to);
            update.setString(2, from);
            update.executeUpdate();
        }
    }
}
