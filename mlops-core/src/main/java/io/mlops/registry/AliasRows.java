package io.mlops.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Optional;

/**
 * Aliases and the history of their moves. A rollback marks the move it undoes, so the next
 * rollback finds the move before it: rollbacks walk back through history like a stack.
 */
final class AliasRows {
    private AliasRows() {}

    /** A move of an alias that has not been rolled back. */
    record Move(long id, Integer from, Integer to) {}

    static Optional<Integer> current(Connection connection, String model, AliasName alias) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT version FROM model_alias WHERE model = ? AND alias = ?")) {
            select.setString(1, model);
            select.setString(2, alias.value());
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.of(rows.getInt(1)) : Optional.empty();
            }
        }
    }

    static void point(Connection connection, String model, AliasName alias, int version) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO model_alias(model, alias, version)"
                + " VALUES (?, ?, ?) ON CONFLICT (model, alias) DO UPDATE SET version = excluded.version")) {
            upsert.setString(1, model);
            upsert.setString(2, alias.value());
            upsert.setInt(3, version);
            upsert.executeUpdate();
        }
    }

    static void remove(Connection connection, String model, AliasName alias) throws SQLException {
        try (PreparedStatement delete =
                connection.prepareStatement("DELETE FROM model_alias WHERE model = ? AND alias = ?")) {
            delete.setString(1, model);
            delete.setString(2, alias.value());
            delete.executeUpdate();
        }
    }

    static void recordMove(
            Connection connection, String model, AliasName alias, Integer from, Integer to, boolean rollback, long at)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO alias_move(model, alias,"
                + " from_version, to_version, rollback, rolled_back, moved_at) VALUES (?, ?, ?, ?, ?, 0, ?)")) {
            insert.setString(1, model);
            insert.setString(2, alias.value());
            insert.setObject(3, from, Types.INTEGER);
            insert.setObject(4, to, Types.INTEGER);
            insert.setInt(5, rollback ? 1 : 0);
            insert.setLong(6, at);
            insert.executeUpdate();
        }
    }

    static Optional<Move> lastUndoableMove(Connection connection, String model, AliasName alias) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT id, from_version, to_version FROM"
                + " alias_move WHERE model = ? AND alias = ? AND rollback = 0 AND rolled_back = 0"
                + " ORDER BY id DESC LIMIT 1")) {
            select.setString(1, model);
            select.setString(2, alias.value());
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                long id = rows.getLong(1);
                int from = rows.getInt(2);
                Integer fromVersion = rows.wasNull() ? null : from;
                int to = rows.getInt(3);
                Integer toVersion = rows.wasNull() ? null : to;
                return Optional.of(new Move(id, fromVersion, toVersion));
            }
        }
    }

    static void markRolledBack(Connection connection, long moveId) throws SQLException {
        try (PreparedStatement update =
                connection.prepareStatement("UPDATE alias_move SET rolled_back = 1 WHERE id = ?")) {
            update.setLong(1, moveId);
            update.executeUpdate();
        }
    }

    static void forget(Connection connection, String model) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM alias_move WHERE model = ?")) {
            delete.setString(1, model);
            delete.executeUpdate();
        }
    }
}
