package io.mlops.tracking;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code run_tag} table: tags, which may change. */
final class TagRows {
    private TagRows() {}

    /**
     * Sets tags; for a key given twice the last value wins.
     *
     * @param connection the transaction
     * @param runId the run
     * @param tags the tags
     * @throws SQLException on a database failure
     */
    static void set(Connection connection, String runId, List<Tag> tags) throws SQLException {
        if (tags.isEmpty()) {
            return;
        }
        Map<String, String> last = new LinkedHashMap<>();
        tags.forEach(tag -> last.put(tag.key(), tag.value()));
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO run_tag(run_id, key, value)"
                + " VALUES (?, ?, ?) ON CONFLICT (run_id, key) DO UPDATE SET value = excluded.value")) {
            for (Map.Entry<String, String> tag : last.entrySet()) {
                upsert.setString(1, runId);
                upsert.setString(2, tag.getKey());
                upsert.setString(3, tag.getValue());
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    /**
     * Removes a tag.
     *
     * @param connection the transaction
     * @param runId the run
     * @param key the tag's key
     * @return whether the tag existed
     * @throws SQLException on a database failure
     */
    static boolean delete(Connection connection, String runId, String key) throws SQLException {
        try (PreparedStatement delete =
                connection.prepareStatement("DELETE FROM run_tag WHERE run_id = ? AND key = ?")) {
            delete.setString(1, runId);
            delete.setString(2, key);
            return delete.executeUpdate() > 0;
        }
    }

    /**
     * Loads the tags of runs.
     *
     * @param connection the transaction
     * @param runIds the runs
     * @return tags by run id, ordered by key
     * @throws SQLException on a database failure
     */
    static Map<String, List<Tag>> of(Connection connection, Collection<String> runIds) throws SQLException {
        Map<String, List<Tag>> tags = new HashMap<>();
        BoundSql sql = new BoundSql()
                .append("SELECT run_id, key, value FROM run_tag WHERE run_id IN ")
                .bindAll(runIds)
                .append(" ORDER BY key");
        try (PreparedStatement query = sql.prepare(connection);
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                tags.computeIfAbsent(rows.getString(1), id -> new ArrayList<>())
                        .add(new Tag(rows.getString(2), rows.getString(3)));
            }
        }
        return tags;
    }
}
