package io.mlops.monitor;

import io.mlops.store.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The durable state of alerts ({@code alert_state}): one row per rule and endpoint, changed only by
 * a compare-and-set, so that of two monitors on one store (or a monitor and its restarted self)
 * exactly one makes each change and announces it.
 */
public final class AlertStates {
    private static final String COLUMNS =
            "model, version, endpoint, rule, kind, firing, value, threshold, detail, since, announce_mark";

    private final Database database;

    /**
     * Creates the store on a database migrated with the suite's migrations.
     *
     * @param database the metadata database
     */
    public AlertStates(Database database) {
        this.database = Objects.requireNonNull(database, "database");
    }

    /**
     * The alerts' states, by model, rule and endpoint.
     *
     * @param model one model's alerts, or null for every model's
     * @return the states
     */
    public List<AlertState> list(String model) {
        return select(model == null ? "" : " WHERE s.model = ?", model);
    }

    /**
     * The changes made but not yet confirmed as announced.
     *
     * @return their states, by model, rule and endpoint
     */
    public List<AlertState> pending() {
        return select(" WHERE s.announce_mark IS NOT NULL", null);
    }

    /**
     * Makes a change if the alert is in the opposite state and no announcement is pending, and marks
     * it pending.
     *
     * @param change the change: firing true moves a resolved (or never seen) alert to firing
     * @param at when, epoch milliseconds
     * @param mark the event stream's position before the announcement
     * @return true when this call made the change (and so must announce it)
     */
    public boolean begin(AlertChange change, long at, long mark) {
        return database.inTransaction(connection -> {
            int changed;
            try (PreparedStatement update = connection.prepareStatement("UPDATE alert_state SET version = ?,"
                    + " kind = ?, firing = ?, value = ?, threshold = ?, detail = ?, since = ?, announce_mark = ?"
                    + " WHERE model = ? AND rule = ? AND endpoint = ? AND firing = ? AND announce_mark IS NULL")) {
                update.setInt(1, change.version());
                update.setString(2, change.kind().wireName());
                update.setInt(3, change.firing() ? 1 : 0);
                update.setDouble(4, change.value());
                update.setDouble(5, change.limit());
                update.setString(6, change.detail());
                update.setLong(7, at);
                update.setLong(8, mark);
                update.setString(9, change.model());
                update.setString(10, change.rule());
                update.setString(11, change.endpoint());
                update.setInt(12, change.firing() ? 0 : 1);
                changed = update.executeUpdate();
            }
            if (changed == 0 && change.firing()) {
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO alert_state(" + COLUMNS
                                + ") VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?) ON CONFLICT (model, rule, endpoint) DO NOTHING")) {
                    insert.setString(1, change.model());
                    insert.setInt(2, change.version());
                    insert.setString(3, change.endpoint());
                    insert.setString(4, change.rule());
                    insert.setString(5, change.kind().wireName());
                    insert.setDouble(6, change.value());
                    insert.setDouble(7, change.limit());
                    insert.setString(8, change.detail());
                    insert.setLong(9, at);
                    insert.setLong(10, mark);
                    changed = insert.executeUpdate();
                }
            }
            return changed == 1;
        });
    }

    /**
     * Records that a change is in the event stream.
     *
     * @param change the change announced
     */
    public void confirm(AlertChange change) {
        database.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE alert_state SET announce_mark = NULL" + " WHERE model = ? AND rule = ? AND endpoint = ?")) {
                update.setString(1, change.model());
                update.setString(2, change.rule());
                update.setString(3, change.endpoint());
                update.executeUpdate();
            }
            return null;
        });
    }

    private List<AlertState> select(String where, String model) {
        return database.read(connection -> {
            // The rule's window is read with the state, for the reason an announcement gives.
            try (PreparedStatement select = connection.prepareStatement("SELECT s.model, s.version, s.endpoint,"
                    + " s.rule, s.kind, s.firing, s.value, s.threshold, s.detail, s.since, s.announce_mark,"
                    + " r.minutes FROM alert_state s JOIN alert_rule r ON r.model = s.model AND r.name = s.rule"
                    + where + " ORDER BY s.model, s.rule, s.endpoint")) {
                if (model != null) {
                    select.setString(1, model);
                }
                List<AlertState> states = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        states.add(state(rows));
                    }
                }
                return states;
            }
        });
    }

    private static AlertState state(ResultSet rows) throws SQLException {
        AlertChange change = new AlertChange(
                rows.getString(1),
                rows.getInt(2),
                rows.getString(3),
                rows.getString(4),
                AlertKind.parse(rows.getString(5)),
                rows.getInt(6) == 1,
                rows.getDouble(7),
                rows.getDouble(8),
                rows.getString(9),
                rows.getInt(12));
        long since = rows.getLong(10);
        long mark = rows.getLong(11);
        return new AlertState(change, since, rows.wasNull() ? null : mark);
    }
}
