package io.mlops.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The files of model directories: read from the tracking tables (a run's artifact directory, a
 * logged model's artifacts) and kept per version in {@code model_version_file} (migration 7).
 */
final class DirectoryRows {
    private DirectoryRows() {}

    /** The files under a run's artifact directory, with paths relative to it. */
    static List<VersionFile> runFiles(Connection connection, String runId, String directory) throws SQLException {
        return files(connection, "run_artifact", "run_id", runId, directory);
    }

    /** The files of a logged model, relative to its artifact root or a directory in it. */
    static List<VersionFile> loggedModelFiles(Connection connection, String modelId, String directory)
            throws SQLException {
        return files(connection, "logged_model_artifact", "model_id", modelId, directory);
    }

    /** The source run of an active logged model, or empty when there is no such model. */
    static Optional<Optional<String>> loggedModel(Connection connection, String modelId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT source_run_id FROM logged_model WHERE id = ? AND lifecycle_stage = 'active'")) {
            select.setString(1, modelId);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(Optional.ofNullable(row.getString(1))) : Optional.empty();
            }
        }
    }

    /** The newest active logged model a run produced under a name, as MLflow resolves {@code runs:/RUN/NAME}. */
    static Optional<String> loggedModelOfRun(Connection connection, String runId, String name) throws SQLException {
        try (PreparedStatement select =
                connection.prepareStatement("SELECT id FROM logged_model WHERE source_run_id = ?"
                        + " AND name = ? AND lifecycle_stage = 'active' ORDER BY creation_time DESC, id LIMIT 1")) {
            select.setString(1, runId);
            select.setString(2, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        }
    }

    static void insert(Connection connection, String model, int version, List<VersionFile> files) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO model_version_file(model, version, path, blob, size) VALUES (?, ?, ?, ?, ?)")) {
            for (VersionFile file : files) {
                insert.setString(1, model);
                insert.setInt(2, version);
                insert.setString(3, file.path());
                insert.setString(4, file.sha256());
                insert.setLong(5, file.size());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    static List<VersionFile> ofVersion(Connection connection, String model, int version) throws SQLException {
        List<VersionFile> files = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT path, blob, size FROM model_version_file WHERE model = ? AND version = ? ORDER BY path")) {
            select.setString(1, model);
            select.setInt(2, version);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    files.add(new VersionFile(rows.getString(1), rows.getString(2), rows.getLong(3)));
                }
            }
        }
        return files;
    }

    private static List<VersionFile> files(
            Connection connection, String table, String owner, String id, String directory) throws SQLException {
        String prefix = directory.isEmpty() ? "" : directory + "/";
        List<VersionFile> files = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT path, blob, size FROM " + table + " WHERE " + owner + " = ? ORDER BY path")) {
            select.setString(1, id);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    String path = rows.getString(1);
                    if (path.startsWith(prefix)) {
                        files.add(new VersionFile(path.substring(prefix.length()), rows.getString(2), rows.getLong(3)));
                    }
                }
            }
        }
        return files;
    }
}
