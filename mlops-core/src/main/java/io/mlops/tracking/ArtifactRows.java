package io.mlops.tracking;

import io.mlops.blob.Blob;
import io.mlops.blob.BlobId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The {@code run_artifact} table: each artifact file of a run and the blob with its bytes. */
final class ArtifactRows {
    private ArtifactRows() {}

    /**
     * Records an artifact, replacing the one at the same path.
     *
     * @param connection the transaction
     * @param artifact the artifact
     * @param now the time of recording
     * @throws SQLException on a database failure
     */
    static void record(Connection connection, StoredArtifact artifact, long now) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(
                "INSERT INTO run_artifact(run_id, path, blob, size, created_at) VALUES (?, ?, ?, ?, ?)"
                        + " ON CONFLICT (run_id, path) DO UPDATE SET blob = excluded.blob, size = excluded.size,"
                        + " created_at = excluded.created_at")) {
            upsert.setString(1, artifact.runId());
            upsert.setString(2, artifact.path());
            upsert.setString(3, artifact.blob().id().sha256());
            upsert.setLong(4, artifact.blob().size());
            upsert.setLong(5, now);
            upsert.executeUpdate();
        }
    }

    /**
     * Finds one artifact.
     *
     * @param connection the transaction
     * @param runId the run
     * @param path the path
     * @return the artifact, or empty
     * @throws SQLException on a database failure
     */
    static Optional<StoredArtifact> find(Connection connection, String runId, String path) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT path, blob, size FROM run_artifact WHERE run_id = ? AND path = ?")) {
            query.setString(1, runId);
            query.setString(2, path);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(read(runId, row)) : Optional.empty();
            }
        }
    }

    /**
     * All artifacts under a directory.
     *
     * @param connection the transaction
     * @param runId the run
     * @param directory a path, empty for the root
     * @return the artifacts, ordered by path
     * @throws SQLException on a database failure
     */
    static List<StoredArtifact> under(Connection connection, String runId, String directory) throws SQLException {
        BoundSql sql = new BoundSql()
                .append("SELECT path, blob, size FROM run_artifact WHERE run_id = ")
                .bind(runId);
        if (!directory.isEmpty()) {
            String prefix = directory + "/";
            sql.append(" AND substr(path, 1, ")
                    .bind(prefix.codePointCount(0, prefix.length()))
                    .append(") = ")
                    .bind(prefix);
        }
        sql.append(" ORDER BY path");
        List<StoredArtifact> artifacts = new ArrayList<>();
        try (PreparedStatement query = sql.prepare(connection);
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                artifacts.add(read(runId, rows));
            }
        }
        return artifacts;
    }

    private static StoredArtifact read(String runId, ResultSet row) throws SQLException {
        return new StoredArtifact(runId, row.getString(1), new Blob(BlobId.parse(row.getString(2)), row.getLong(3)));
    }
}
