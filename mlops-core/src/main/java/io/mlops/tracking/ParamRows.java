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

/** The {@code run_param} table: params, which never change once logged. */
final class ParamRows {
    private ParamRows() {}

    /**
     * Logs params: new keys are added, known keys must carry the same value.
     *
     * @param connection the transaction
     * @param runId the run
     * @param params the params
     * @return the params already logged with another value, as key to old value (nothing written
     *     then matters: the caller fails the transaction)
     * @throws SQLException on a database failure
     */
    static Map<String, String> log(Connection connection, String runId, List<Param> params) throws SQLException {
        if (params.isEmpty()) {
            return Map.of();
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO run_param(run_id, key, value) VALUES (?, ?, ?) ON CONFLICT (run_id, key) DO NOTHING")) {
            for (Param param : params) {
                insert.setString(1, runId);
                insert.setString(2, param.key());
                insert.setString(3, param.value());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        // Read back after writing: a concurrent writer's value wins the insert, and shows here.
        Map<String, String> stored = new HashMap<>();
        List<String> keys = params.stream().map(Param::key).toList();
        BoundSql sql = new BoundSql()
                .append("SELECT key, value FROM run_param WHERE run_id = ")
                .bind(runId)
                .append(" AND key IN ")
                .bindAll(keys);
        try (PreparedStatement query = sql.prepare(connection);
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                stored.put(rows.getString(1), rows.getString(2));
            }
        }
        Map<String, String> conflicts = new LinkedHashMap<>();
        for (Param param : params) {
            String old = stored.get(param.key());
            if (!param.value().equals(old)) {
                conflicts.put(param.key(), old);
            }
        }
        return conflicts;
    }

    /**
     * Loads the params of runs.
     *
     * @param connection the transaction
     * @param runIds the runs
     * @return params by run id, ordered by key
     * @throws SQLException on a database failure
     */
    static Map<String, List<Param>> of(Connection connection, Collection<String> runIds) throws SQLException {
        Map<String, List<Param>> params = new HashMap<>();
        BoundSql sql = new BoundSql()
                .append("SELECT run_id, key, value FROM run_param WHERE run_id IN ")
                .bindAll(runIds)
                .append(" ORDER BY key");
        try (PreparedStatement query = sql.prepare(connection);
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                params.computeIfAbsent(rows.getString(1), id -> new ArrayList<>())
                        .add(new Param(rows.getString(2), rows.getString(3)));
            }
        }
        return params;
    }
}
