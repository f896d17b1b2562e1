package io.mlops.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Appends to and reads the registry's audit log; nothing here updates or deletes an entry. */
final class AuditLog {
    private AuditLog() {}

    static void append(
            Connection connection, String model, AuditAction action, Change change, long at, String from, String to)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO registry_audit(model, action, actor,"
                + " at, from_value, to_value, reason) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, model);
            insert.setString(2, action.name());
            insert.setString(3, change.actor());
            insert.setLong(4, at);
            insert.setString(5, from);
            insert.setString(6, to);
            insert.setString(7, change.reason());
            insert.executeUpdate();
        }
    }

    static List<AuditEntry> read(Connection connection, String model) throws SQLException {
        List<AuditEntry> entries = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT id, action, actor, at, from_value,"
                + " to_value, reason FROM registry_audit WHERE model = ? ORDER BY id")) {
            select.setString(1, model);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    entries.add(new AuditEntry(
                            rows.getLong(1),
                            model,
                            AuditAction.valueOf(rows.getString(2)),
                            rows.getString(3),
                            rows.getLong(4),
                            rows.getString(5),
                            rows.getString(6),
                            rows.getString(7)));
                }
            }
        }
        return entries;
    }
}
