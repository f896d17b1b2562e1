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

/**
 * Reads a page of model summaries in four queries whatever the number of models and versions: the
 * count, the page with its version counts (one grouped join), and the page's tags and aliases.
 */
final class ModelSummaryRows {
    private static final String MATCHING = "FROM registered_model WHERE LOWER(name) LIKE ? ESCAPE '\\'";

    private ModelSummaryRows() {}

    static ModelListing page(Connection connection, String nameContains, int limit, int offset) throws SQLException {
        String pattern = "%"
                + nameContains
                        .toLowerCase(Locale.ROOT)
                        .replace("\\", "\\\\")
                        .replace("%", "\\%")
                        .replace("_", "\\_") + "%";
        int total;
        try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) " + MATCHING)) {
            count.setString(1, pattern);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                total = rows.getInt(1);
            }
        }
        String pageNames = "SELECT name " + MATCHING + " ORDER BY name LIMIT ? OFFSET ?";
        Map<String, Map<String, String>> tags = children(
                connection,
                "SELECT model, key, value FROM registered_model_tag WHERE model IN (" + pageNames + ")",
                pattern,
                limit,
                offset);
        Map<String, Map<String, String>> aliases = children(
                connection,
                "SELECT model, alias, CAST(version AS TEXT) FROM model_alias WHERE model IN (" + pageNames + ")",
                pattern,
                limit,
                offset);
        List<ModelSummary> models = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT m.name, m.description, m.created_at,"
                + " m.last_updated_at, COUNT(v.version), MAX(v.version) FROM registered_model m"
                + " LEFT JOIN model_version v ON v.model = m.name WHERE LOWER(m.name) LIKE ? ESCAPE '\\'"
                + " GROUP BY m.name, m.description, m.created_at, m.last_updated_at ORDER BY m.name"
                + " LIMIT ? OFFSET ?")) {
            select.setString(1, pattern);
            select.setInt(2, limit);
            select.setInt(3, offset);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String name = rows.getString(1);
                    Map<String, Integer> versions = new HashMap<>();
                    aliases.getOrDefault(name, Map.of()).forEach((alias, v) -> versions.put(alias, Integer.valueOf(v)));
                    int latest = rows.getInt(6);
                    Integer latestVersion = rows.wasNull() ? null : latest;
                    models.add(new ModelSummary(
                            new RegisteredModel(
                                    name,
                                    rows.getString(2),
                                    tags.getOrDefault(name, Map.of()),
                                    versions,
                                    rows.getLong(3),
                                    rows.getLong(4)),
                            rows.getInt(5),
                            latestVersion));
                }
            }
        }
        return new ModelListing(models, total);
    }

    private static Map<String, Map<String, String>> children(
            Connection connection, String sql, String pattern, int limit, int offset) throws SQLException {
        Map<String, Map<String, String>> byModel = new HashMap<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, pattern);
            select.setInt(2, limit);
            select.setInt(3, offset);
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
