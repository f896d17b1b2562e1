package io.mlops.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.json.Json;
import io.mlops.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The deployment health series in the metadata store (table {@code deployment_health}, migration
 * V9), on SQLite and PostgreSQL. Each append also enforces the {@link HealthRetention}: samples
 * older than the retention are dropped, and the endpoint keeps only its newest samples up to the
 * cap. Appending a sample whose model, endpoint and time are already stored changes nothing, so
 * a reading that reaches the store twice is kept once. NaN measures are stored as NULL.
 */
public final class JdbcHealthHistory implements HealthHistory {
    private static final ObjectMapper JSON = Json.mapper();
    private static final TypeReference<TreeMap<String, Double>> PSI = new TypeReference<>() {};

    private final Database database;
    private final HealthRetention retention;
    private final Clock clock;

    /**
     * Creates the history on a database migrated with the suite's migrations.
     *
     * @param database the metadata database
     * @param retention how much to keep
     * @param clock the clock the age of samples is measured against
     */
    public JdbcHealthHistory(Database database, HealthRetention retention, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.retention = Objects.requireNonNull(retention, "retention");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Creates the history with the default retention and the system clock.
     *
     * @param database the metadata database
     */
    public JdbcHealthHistory(Database database) {
        this(database, HealthRetention.DEFAULT, Clock.systemUTC());
    }

    /**
     * How much this history keeps.
     *
     * @return the retention
     */
    public HealthRetention retention() {
        return retention;
    }

    @Override
    public void record(HealthSample sample) {
        Objects.requireNonNull(sample, "sample");
        String psi = psiJson(sample.inputPsi());
        database.inTransaction(connection -> {
            insert(connection, sample, psi);
            dropOld(connection);
            cap(connection, sample.model(), sample.endpoint());
            return null;
        });
    }

    private static void insert(Connection connection, HealthSample sample, String psi) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO deployment_health(model, version,"
                + " endpoint, at, requests_per_second, error_rate, p50_ms, p95_ms, p99_ms, input_psi)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (model, endpoint, at) DO NOTHING")) {
            insert.setString(1, sample.model());
            insert.setInt(2, sample.version());
            insert.setString(3, sample.endpoint());
            insert.setLong(4, sample.at());
            measure(insert, 5, sample.requestsPerSecond());
            measure(insert, 6, sample.errorRate());
            measure(insert, 7, sample.p50Ms());
            measure(insert, 8, sample.p95Ms());
            measure(insert, 9, sample.p99Ms());
            insert.setString(10, psi);
            insert.executeUpdate();
        }
    }

    private void dropOld(Connection connection) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM deployment_health WHERE at < ?")) {
            delete.setLong(1, clock.millis() - retention.maxAge().toMillis());
            delete.executeUpdate();
        }
    }

    private void cap(Connection connection, String model, String endpoint) throws SQLException {
        // The time of the newest sample beyond the cap: it and everything older go.
        Long cut = null;
        try (PreparedStatement select = connection.prepareStatement("SELECT at FROM deployment_health"
                + " WHERE model = ? AND endpoint = ? ORDER BY at DESC LIMIT 1 OFFSET ?")) {
            select.setString(1, model);
            select.setString(2, endpoint);
            select.setInt(3, retention.maxSamplesPerEndpoint());
            try (ResultSet rows = select.executeQuery()) {
                if (rows.next()) {
                    cut = rows.getLong(1);
                }
            }
        }
        if (cut != null) {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM deployment_health WHERE model = ? AND endpoint = ? AND at <= ?")) {
                delete.setString(1, model);
                delete.setString(2, endpoint);
                delete.setLong(3, cut);
                delete.executeUpdate();
            }
        }
    }

    @Override
    public List<HealthSample> samples(String model, long fromMillis, long toMillis) {
        Objects.requireNonNull(model, "model");
        return database.read(connection -> {
            List<HealthSample> samples = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement("SELECT model, version, endpoint, at,"
                    + " requests_per_second, error_rate, p50_ms, p95_ms, p99_ms, input_psi FROM deployment_health"
                    + " WHERE model = ? AND at >= ? AND at <= ? ORDER BY at, endpoint")) {
                select.setString(1, model);
                select.setLong(2, fromMillis);
                select.setLong(3, toMillis);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        samples.add(new HealthSample(
                                rows.getString(1),
                                rows.getInt(2),
                                rows.getString(3),
                                rows.getLong(4),
                                measure(rows, 5),
                                measure(rows, 6),
                                measure(rows, 7),
                                measure(rows, 8),
                                measure(rows, 9),
                                psi(rows.getString(10))));
                    }
                }
            }
            return samples;
        });
    }

    private static void measure(PreparedStatement statement, int index, double value) throws SQLException {
        if (Double.isFinite(value)) {
            statement.setDouble(index, value);
        } else {
            statement.setNull(index, Types.DOUBLE);
        }
    }

    private static double measure(ResultSet rows, int index) throws SQLException {
        double value = rows.getDouble(index);
        return rows.wasNull() ? Double.NaN : value;
    }

    private static String psiJson(Map<String, Double> psi) {
        Map<String, Double> finite = new TreeMap<>();
        psi.forEach((input, value) -> {
            if (value != null && Double.isFinite(value)) {
                finite.put(input, value);
            }
        });
        try {
            return JSON.writeValueAsString(finite);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the drift of a health sample", e);
        }
    }

    private static Map<String, Double> psi(String json) {
        try {
            return JSON.readValue(json, PSI);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored health sample holds no drift map: " + e.getOriginalMessage(), e);
        }
    }
}
