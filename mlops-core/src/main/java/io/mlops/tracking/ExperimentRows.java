package io.mlops.tracking;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code experiment} and {@code experiment_tag} tables. */
final class ExperimentRows {
    private static final String COLUMNS =
            "id, name, artifact_location, lifecycle_stage, creation_time, last_update_time";

    private ExperimentRows() {}

    /**
     * Inserts an active experiment; its artifact location follows from the id it gets.
     *
     * @param connection the transaction
     * @param name the unique name
     * @param now the creation time
     * @return the new id
     * @throws SQLException on a database failure, including a taken name
     */
    static long insert(Connection connection, String name, long now) throws SQLException {
        long id;
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO experiment(name, artifact_location, lifecycle_stage, creation_time, last_update_time)"
                        + " VALUES (?, '', 'active', ?, ?) RETURNING id")) {
            insert.setString(1, name);
            insert.setLong(2, now);
            insert.setLong(3, now);
            try (ResultSet row = insert.executeQuery()) {
                row.next();
                id = row.getLong(1);
            }
        }
        try (PreparedStatement update =
                connection.prepareStatement("UPDATE experiment SET artifact_location = ? WHERE id = ?")) {
            update.setString(1, artifactLocation(id));
            update.setLong(2, id);
            update.executeUpdate();
        }
        return id;
    }

    /**
     * Where an experiment's artifacts live: proxied by this server, as {@code mlflow server
     * --serve-artifacts} does.
     *
     * @param id the experiment id
     * @return {@code mlflow-artifacts:/<id>}
     */
    static String artifactLocation(long id) {
        return "mlflow-artifacts:/" + id;
    }

    /**
     * Sets experiment tags, replacing values of existing keys.
     *
     * @param connection the transaction
     * @param id the experiment
     * @param tags the tags
     * @throws SQLException on a database failure
     */
    static void setTags(Connection connection, long id, List<Tag> tags) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO experiment_tag(experiment_id, key,"
                + " value) VALUES (?, ?, ?) ON CONFLICT (experiment_id, key) DO UPDATE SET value = excluded.value")) {
            for (Tag tag : tags) {
                upsert.setLong(1, id);
                upsert.setString(2, tag.key());
                upsert.setString(3, tag.value());
                upsert.executeUpdate();
            }
        }
    }

    /**
     * Finds an experiment by id.
     *
     * @param connection the transaction
     * @param id the id
     * @return the experiment, or empty
     * @throws SQLException on a database failure
     */
    static Optional<Experiment> byId(Connection connection, long id) throws SQLException {
        return byIds(connection, List.of(id)).stream().findFirst();
    }

    /**
     * Finds an experiment by name.
     *
     * @param connection the transaction
     * @param name the name
     * @return the experiment, or empty
     * @throws SQLException on a database failure
     */
    static Optional<Experiment> byName(Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT id FROM experiment WHERE name = ?")) {
            query.setString(1, name);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? byId(connection, row.getLong(1)) : Optional.empty();
            }
        }
    }

    /**
     * Loads experiments, in the order of their ids.
     *
     * @param connection the transaction
     * @param ids the ids
     * @return the experiments that exist
     * @throws SQLException on a database failure
     */
    static List<Experiment> byIds(Connection connection, List<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, List<Tag>> tags = new LinkedHashMap<>();
        BoundSql tagQuery = new BoundSql()
                .append("SELECT experiment_id, key, value FROM experiment_tag WHERE experiment_id IN ")
                .bindAll(ids)
                .append(" ORDER BY key");
        try (PreparedStatement query = tagQuery.prepare(connection);
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                tags.computeIfAbsent(rows.getLong(1), id -> new ArrayList<>())
                        .add(new Tag(rows.getString(2), rows.getString(3)));
            }
        }
        Map<Long, Experiment> found = new LinkedHashMap<>();
        BoundSql experimentQuery = new BoundSql()
                .append("SELECT " + COLUMNS + " FROM experiment WHERE id IN ")
                .bindAll(ids);
        try (PreparedStatement query = experimentQuery.prepare(connection);
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                long id = rows.getLong(1);
                found.put(
                        id,
                        new Experiment(
                                Long.toString(id),
                                rows.getString(2),
                                rows.getString(3),
                                LifecycleStage.parse(rows.getString(4)),
                                rows.getLong(5),
                                rows.getLong(6),
                                tags.getOrDefault(id, List.of())));
            }
        }
        List<Experiment> ordered = new ArrayList<>();
        for (Long id : ids) {
            if (found.containsKey(id)) {
                ordered.add(found.get(id));
            }
        }
        return ordered;
    }
}
