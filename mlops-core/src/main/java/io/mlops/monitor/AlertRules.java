package io.mlops.monitor;

import io.mlops.error.UserError;
import io.mlops.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The alert rules in the metadata store ({@code alert_rule}). Removing a rule forgets its alerts'
 * state with it.
 */
public final class AlertRules {
    private static final String COLUMNS = "model, name, kind, threshold, minutes, input";

    private final Database database;
    private final KnownModels models;
    private final Clock clock;

    /** Refuses a model that is not registered. */
    @FunctionalInterface
    public interface KnownModels {
        /**
         * Checks that a model is registered.
         *
         * @param model the model's name
         * @throws UserError (the registry's own unknown-entry error) when it is not
         */
        void require(String model);
    }

    /**
     * Creates the store on a database migrated with the suite's migrations.
     *
     * @param database the metadata database
     * @param models the registry's check that a rule's model exists
     * @param clock the source of creation times
     */
    public AlertRules(Database database, KnownModels models, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.models = Objects.requireNonNull(models, "models");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Adds a rule.
     *
     * @param rule the rule; its model must be registered and its name new for the model
     * @return the rule
     * @throws UserError for an unknown model or a name the model has already
     */
    public AlertRule add(AlertRule rule) {
        models.require(rule.model());
        long now = clock.millis();
        return database.inTransaction(connection -> {
            if (find(connection, rule.model(), rule.name()) != null) {
                throw new UserError("model '" + rule.model() + "' has an alert rule named '" + rule.name()
                        + "' already; remove it first");
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO alert_rule(" + COLUMNS + ", created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, rule.model());
                insert.setString(2, rule.name());
                insert.setString(3, rule.kind().wireName());
                insert.setDouble(4, rule.limit());
                insert.setInt(5, rule.minutes());
                if (rule.input() == null) {
                    insert.setNull(6, Types.VARCHAR);
                } else {
                    insert.setString(6, rule.input());
                }
                insert.setLong(7, now);
                insert.executeUpdate();
            }
            return rule;
        });
    }

    /**
     * Lists rules, by model and name.
     *
     * @param model one model's rules, or null for every model's
     * @return the rules
     */
    public List<AlertRule> list(String model) {
        return database.read(connection -> {
            String where = model == null ? "" : " WHERE model = ?";
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM alert_rule" + where + " ORDER BY model, name")) {
                if (model != null) {
                    select.setString(1, model);
                }
                List<AlertRule> rules = new ArrayList<>();
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        rules.add(rule(rows));
                    }
                }
                return rules;
            }
        });
    }

    /**
     * Removes a rule and the state of its alerts.
     *
     * @param model the model
     * @param name the rule's name
     * @throws UserError when the model has no such rule
     */
    public void remove(String model, String name) {
        database.inTransaction(connection -> {
            try (PreparedStatement delete =
                    connection.prepareStatement("DELETE FROM alert_rule WHERE model = ? AND name = ?")) {
                delete.setString(1, model);
                delete.setString(2, name);
                if (delete.executeUpdate() == 0) {
                    throw new UserError("model '" + model + "' has no alert rule named '" + name + "'");
                }
            }
            try (PreparedStatement delete =
                    connection.prepareStatement("DELETE FROM alert_state WHERE model = ? AND rule = ?")) {
                delete.setString(1, model);
                delete.setString(2, name);
                delete.executeUpdate();
            }
            return null;
        });
    }

    private static AlertRule find(Connection connection, String model, String name) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT " + COLUMNS + " FROM alert_rule WHERE model = ? AND name = ?")) {
            select.setString(1, model);
            select.setString(2, name);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? rule(rows) : null;
            }
        }
    }

    private static AlertRule rule(ResultSet rows) throws SQLException {
        return new AlertRule(
                rows.getString(1),
                rows.getString(2),
                AlertKind.parse(rows.getString(3)),
                rows.getDouble(4),
                rows.getInt(5),
                rows.getString(6));
    }
}
