package io.mlops.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads registered models, with their tags and aliases, from the registry tables. */
final class ModelRows {
    private ModelRows() {}

    static RegisteredModel require(Connection connection, String name) throws SQLException {
        List<RegisteredModel> found = read(connection, "WHERE name = ?", name);
        if (found.isEmpty()) {
            throw new UnknownRegistryEntry("no registered model named '" + name + "'");
        }
        return found.getFirst();
    }

    static boolean exists(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM registered_model WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next();
            }
        }
    }

    static List<RegisteredModel> search(Connection connection, String nameContains) throws SQLException {
        String pattern = "%"
                + nameContains
                        .toLowerCase(Locale.ROOT)
                        .replace("\\", "\\\\")
                        .replace("%", "\\%")
                        .replace("_", "\\_") + "%";
        return read(connection, "WHERE LOWER(name) LIKE ? ESCAPE '\\'", pattern);
    }

    /** Locks the model's row until the transaction ends, so that concurrent changes queue. */
    static void touch(Connection connection, String name, long now) throws SQLException {
        try (PreparedStatement update =
                connection.prepareStatement("UPDATE registered_model SET last_updated_at = ? WHERE name = ?")) {
            update.setLong(1, now);
            update.setString(2, name);
            if (update.executeUpdate() == 0) {
                throw new UnknownRegistryEntry("no registered model named '" + name + "'");
            }
        }
    }

    private static List<RegisteredModel> read(Connection connection, String where, String argument)
            throws SQLException {
        Map<String, Map<String, String>> tags = children(
                connection,
                "SELECT model, key, value FROM registered_model_tag WHERE model IN (SELECT name FROM"
                        + " registered_model " + where + ")",
                argument);
        Map<String, Map<String, String>> aliases = children(
                connection,
                "SELECT model, alias, CAST(version AS TEXT) FROM model_alias WHERE model IN (SELECT name"
                        + " FROM registered_model " + where + ")",
                argument);
        List<RegisteredModel> models = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT name, description, created_at, last_updated_at FROM registered_model " + where
                        + " ORDER BY name")) {
            select.setString(1, argument);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String name = rows.getString(1);
                    Map<String, Integer> versions = new HashMap<>();
                    aliases.getOrDefault(name, Map.of()).forEach((alias, v) -> versions.put(alias, Integer.valueOf(v)));
                    models.add(new RegisteredModel(
                            name,
                            rows.getString(2),
                            tags.getOrDefault(name, Map.of()),
                            versions,
                            rows.getLong(3),
                            rows.getLong(4)));
                }
            }
        }
        return models;
    }

    private static Map<String, Map<String, String>> children(Connection connection, String sql, String argument)
            throws SQLException {
        Map<String, Map<String, String>> byModel = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, argument);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    byModel.computeIfAbsent(rows.getString(1), k -> new HashMap<>())
                            .put(rows.getString(2), rows.getString(3));
                }
            }
        }
        return byModel;
    }
}
