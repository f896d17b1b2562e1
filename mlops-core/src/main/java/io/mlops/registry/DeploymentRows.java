package io.mlops.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The current deployment of each backend and node, one row each. */
final class DeploymentRows {
    private static final String COLUMNS = "model, version, backend, node, endpoint, status, updated_at";

    private DeploymentRows() {}

    static Optional<Deployment> at(Connection connection, String model, String backend, String node)
            throws SQLException {
        List<Deployment> found = read(connection, "WHERE model = ? AND backend = ? AND node = ?", model, backend, node);
        return found.stream().findFirst();
    }

    static List<Deployment> of(Connection connection, String model) throws SQLException {
        return read(connection, "WHERE model = ?", model);
    }

    static List<Deployment> ofVersion(Connection connection, String model, int version) throws SQLException {
        return read(connection, "WHERE model = ? AND version = ?", model, version);
    }

    static void put(Connection connection, Deployment deployment) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("INSERT INTO deployment(" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (model, backend, node) DO UPDATE SET"
                + " endpoint = excluded.endpoint, version = excluded.version, status = excluded.status,"
                + " updated_at = excluded.updated_at")) {
            upsert.setString(1, deployment.model());
            upsert.setInt(2, deployment.version());
            upsert.setString(3, deployment.backend());
            upsert.setString(4, deployment.node());
            upsert.setString(5, deployment.endpoint());
            upsert.setString(6, deployment.status().name());
            upsert.setLong(7, deployment.updatedAt());
            upsert.executeUpdate();
        }
    }

    private static List<Deployment> read(Connection connection, String where, Object... arguments) throws SQLException {
        List<Deployment> deployments = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM deployment " + where + " ORDER BY backend, node")) {
            for (int i = 0; i < arguments.length; i++) {
                select.setObject(i + 1, arguments[i]);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    deployments.add(new Deployment(
                            rows.getString(1),
                            rows.getInt(2),
                            rows.getString(3),
                            rows.getString(4),
                            rows.getString(5),
                            DeploymentStatus.valueOf(rows.getString(6)),
                            rows.getLong(7)));
                }
            }
        }
        return deployments;
    }
}
