package io.mlops.tracking;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The {@code metric} table (every point) and {@code latest_metric} (the point a run shows per
 * metric). NaN is stored as 0 with a flag, as MLflow does.
 */
final class MetricRows {
    private static final String INSERT_POINT = "INSERT INTO metric(run_id, key, timestamp, step, value, is_nan)"
            + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";
    private static final String UPSERT_LATEST = "INSERT INTO latest_metric(run_id, key, timestamp, step, value,"
            + " is_nan) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (run_id, key) DO UPDATE SET"
            + " timestamp = excluded.timestamp, step = excluded.step, value = excluded.value,"
            + " is_nan = excluded.is_nan"
            + " WHERE excluded.step > latest_metric.step"
            + " OR (excluded.step = latest_metric.step AND (excluded.timestamp > latest_metric.timestamp"
            + " OR (excluded.timestamp = latest_metric.timestamp AND excluded.value > latest_metric.value)))";

    private MetricRows() {}

    /**
     * Adds points; a point already stored (a retried request) is not added again.
     *
     * @param connection the transaction
     * @param runId the run
     * @param metrics the points
     * @throws SQLException on a database failure
     */
    static void log(Connection connection, String runId, List<Metric> metrics) throws SQLException {
        if (metrics.isEmpty()) {
            return;
        }
        Set<Point> points = new LinkedHashSet<>();
        // Sorted keys: concurrent writers lock latest_metric rows in the same order, so they
        // queue instead of deadlocking on PostgreSQL.
        Map<String, Metric> latest = new TreeMap<>();
        for (Metric metric : metrics) {
            points.add(Point.of(metric));
            latest.merge(metric.key(), metric, (a, b) -> b.laterThan(a) ? b : a);
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_POINT)) {
            for (Point point : points) {
                bind(insert, runId, point);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT_LATEST)) {
            for (Metric metric : latest.values()) {
                bind(upsert, runId, Point.of(metric));
                upsert.addBatch();
            }
            upsert.executeBatch();
        }
    }

    /**
     * Loads the latest point of each metric of runs.
     *
     * @param connection the transaction
     * @param runIds the runs
     * @return points by run id, ordered by key
     * @throws SQLException on a database failure
     */
    static Map<String, List<Metric>> latest(Connection connection, Collection<String> runIds) throws SQLException {
        Map<String, List<Metric>> metrics = new HashMap<>();
        BoundSql sql = new BoundSql()
                .append("SELECT run_id, key, timestamp, step, value, is_nan FROM latest_metric WHERE run_id IN ")
                .bindAll(runIds)
                .append(" ORDER BY key");
        try (PreparedStatement query = sql.prepare(connection);
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                metrics.computeIfAbsent(rows.getString(1), id -> new ArrayList<>())
                        .add(read(rows));
            }
        }
        return metrics;
    }

    /**
     * Loads a page of one metric's points, ordered by timestamp, step and value.
     *
     * @param connection the transaction
     * @param runId the run
     * @param key the metric
     * @param offset points to skip
     * @param limit most points to return, or -1 for all
     * @return the points
     * @throws SQLException on a database failure
     */
    static List<Metric> history(Connection connection, String runId, String key, int offset, int limit)
            throws SQLException {
        BoundSql sql = new BoundSql()
                .append("SELECT run_id, key, timestamp, step, value, is_nan FROM metric WHERE run_id = ")
                .bind(runId)
                .append(" AND key = ")
                .bind(key)
                .append(" ORDER BY timestamp, step, value");
        if (limit >= 0) {
            sql.append(" LIMIT ").bind(limit).append(" OFFSET ").bind(offset);
        }
        List<Metric> points = new ArrayList<>();
        try (PreparedStatement query = sql.prepare(connection);
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                points.add(read(rows));
            }
        }
        return points;
    }

    private static Metric read(ResultSet row) throws SQLException {
        double value = row.getInt(6) == 1 ? Double.NaN : row.getDouble(5);
        return new Metric(row.getString(2), value, row.getLong(3), row.getLong(4));
    }

    private static void bind(PreparedStatement statement, String runId, Point point) throws SQLException {
        statement.setString(1, runId);
        statement.setString(2, point.key());
        statement.setLong(3, point.timestamp());
        statement.setLong(4, point.step());
        statement.setDouble(5, point.value());
        statement.setInt(6, point.nan() ? 1 : 0);
    }

    /** A point as stored: NaN as 0 with a flag, so equal points compare equal. */
    private record Point(String key, long timestamp, long step, double value, boolean nan) {
        static Point of(Metric metric) {
            boolean nan = Double.isNaN(metric.value());
            return new Point(metric.key(), metric.timestamp(), metric.step(), nan ? 0 : metric.value(), nan);
        }
    }
}
