package io.mlops.tracking;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The {@code run} table: what each run is, apart from what it logged. */
final class RunRows {
    private static final String COLUMNS =
            "id, experiment_id, name, user_id, status, start_time, end_time, artifact_uri, lifecycle_stage";

    private RunRows() {}

    /**
     * Inserts a run.
     *
     * @param connection the transaction
     * @param info the run
     * @throws SQLException on a database failure
     */
    static void insert(Connection connection, RunInfo info) throws SQLException {
        try (PreparedStatement insert =
                connection.prepareStatement("INSERT INTO run(" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, info.runId());
            insert.setLong(2, Long.parseLong(info.experimentId()));
            insert.setString(3, info.runName());
            insert.setString(4, info.userId());
            insert.setString(5, info.status().name());
            insert.setLong(6, info.startTime());
            if (info.endTime() == null) {
                insert.setNull(7, Types.BIGINT);
            } else {
                insert.setLong(7, info.endTime());
            }
            insert.setString(8, info.artifactUri());
            insert.setString(9, info.lifecycleStage().wireName());
            insert.executeUpdate();
        }
    }

    /**
     * Reads one run's info.
     *
     * @param connection the transaction
     * @param runId the run
     * @return the info, or empty
     * @throws SQLException on a database failure
     */
    static Optional<RunInfo> info(Connection connection, String runId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT " + COLUMNS + " FROM run WHERE id = ?")) {
            query.setString(1, runId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(read(row)) : Optional.empty();
            }
        }
    }

    /**
     * Reads several runs' infos.
     *
     * @param connection the transaction
     * @param runIds the runs
     * @return the infos by run id
     * @throws SQLException on a database failure
     */
    static Map<String, RunInfo> infos(Connection connection, Collection<String> runIds) throws SQLException {
        Map<String, RunInfo> infos = new HashMap<>();
        BoundSql sql = new BoundSql()
                .append("SELECT " + COLUMNS + " FROM run WHERE id IN ")
                .bindAll(runIds);
        try (PreparedStatement query = sql.prepare(connection);
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                RunInfo info = read(rows);
                infos.put(info.runId(), info);
            }
        }
        return infos;
    }

    /**
     * Writes a run's status, end time and name.
     *
     * @param connection the transaction
     * @param info the changed info
     * @throws SQLException on a database failure
     */
    static void update(Connection connection, RunInfo info) throws SQLException {
        try (PreparedStatement update =
                connection.prepareStatement("UPDATE run SET status = ?, end_time = ?, name = ? WHERE id = ?")) {
            update.setString(1, info.status().name());
            if (info.endTime() == null) {
                update.setNull(2, Types.BIGINT);
            } else {
                update.setLong(2, info.endTime());
            }
            update.setString(3, info.runName());
            update.setString(4, info.runId());
            update.executeUpdate();
        }
    }

    /**
     * Deletes or restores a run.
     *
     * @param connection the transaction
     * @param runId the run
     * @param stage the new stage
     * @param deletedTime when it was deleted, or null when restored
     * @throws SQLException on a database failure
     */
    static void setLifecycle(Connection connection, String runId, LifecycleStage stage, Long deletedTime)
            throws SQLException {
        try (PreparedStatement update =
                connection.prepareStatement("UPDATE run SET lifecycle_stage = ?, deleted_time = ? WHERE id = ?")) {
            update.setString(1, stage.wireName());
            if (deletedTime == null) {
                update.setNull(2, Types.BIGINT);
            } else {
                update.setLong(2, deletedTime);
            }
            update.setString(3, runId);
            update.executeUpdate();
        }
    }

    private static RunInfo read(ResultSet row) throws SQLException {
        long endTime = row.getLong(7);
        Long end = row.wasNull() ? null : endTime;
        return new RunInfo(
                row.getString(1),
                Long.toString(row.getLong(2)),
                row.getString(3),
                row.getString(4),
                RunStatus.valueOf(row.getString(5)),
                row.getLong(6),
                end,
                row.getString(8),
                LifecycleStage.parse(row.getString(9)));
    }
}
