package io.mlops.data;

import io.mlops.error.UserError;
import io.mlops.git.GitState;
import io.mlops.store.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The snapshot catalog in the suite's metadata database, in portable SQL. */
public final class JdbcSnapshotCatalog implements SnapshotCatalog {
    private static final String COLUMNS = "id, object_id, directory, source_path, cache_root, file_count, total_size,"
            + " created_at, git_commit, git_dirty, message";

    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final Database database;

    /**
     * Creates the catalog over a migrated database.
     *
     * @param database the suite's metadata database
     */
    public JdbcSnapshotCatalog(Database database) {
        this.database = database;
    }

    @Override
    public Snapshot record(Snapshot snapshot, Manifest manifest) {
        return database.inTransaction(connection -> {
            if (load(connection, snapshot.id()).isEmpty()) {
                insert(connection, snapshot, manifest);
            }
            for (String name : snapshot.names()) {
                addName(connection, name, snapshot.id(), snapshot.createdAt());
            }
            return load(connection, snapshot.id()).orElseThrow();
        });
    }

    @Override
    public Optional<Snapshot> find(String reference) {
        return database.inTransaction(connection -> {
            Optional<Snapshot> exact = load(connection, reference);
            if (exact.isPresent()) {
                return exact;
            }
            if (reference.matches("[0-9a-f]{4,31}")) {
                List<String> ids =
                        strings(connection, "SELECT id FROM snapshot WHERE id LIKE ? ORDER BY id", reference + "%");
                if (ids.size() > 1) {
                    throw new UserError("snapshot id prefix '" + reference + "' is ambiguous: it matches " + ids);
                }
                if (ids.size() == 1) {
                    return load(connection, ids.getFirst());
                }
            }
            List<String> named = strings(
                    connection,
                    "SELECT snapshot_id FROM snapshot_name WHERE name = ? ORDER BY named_at DESC, snapshot_id LIMIT 1",
                    reference);
            return named.isEmpty() ? Optional.empty() : load(connection, named.getFirst());
        });
    }

    @Override
    public Manifest manifest(String id) {
        return database.inTransaction(connection -> {
            List<ManifestEntry> entries = new ArrayList<>();
            try (PreparedStatement query =
                    connection.prepareStatement("SELECT path, md5, size FROM snapshot_file WHERE snapshot_id = ?")) {
                query.setString(1, id);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        entries.add(new ManifestEntry(rows.getString(1), rows.getString(2), rows.getLong(3)));
                    }
                }
            }
            return Manifest.of(entries);
        });
    }

    @Override
    public List<Snapshot> list() {
        return database.inTransaction(connection -> {
            List<Snapshot> snapshots = new ArrayList<>();
            for (String id : strings(connection, "SELECT id FROM snapshot ORDER BY created_at DESC, id")) {
                snapshots.add(load(connection, id).orElseThrow());
            }
            return snapshots;
        });
    }

    private static void insert(Connection connection, Snapshot snapshot, Manifest manifest) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO snapshot(" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, snapshot.id());
            insert.setString(2, snapshot.objectId().toString());
            insert.setInt(3, snapshot.directory() ? 1 : 0);
            insert.setString(4, snapshot.sourcePath());
            insert.setString(5, snapshot.cacheRoot());
            insert.setInt(6, snapshot.fileCount());
            insert.setLong(7, snapshot.totalSize());
            insert.setString(8, sortable(snapshot.createdAt()));
            if (snapshot.git() == null) {
                insert.setNull(9, Types.VARCHAR);
                insert.setNull(10, Types.INTEGER);
            } else {
                insert.setString(9, snapshot.git().commit());
                insert.setInt(10, snapshot.git().dirty() ? 1 : 0);
            }
            insert.setString(11, snapshot.message());
            insert.executeUpdate();
        }
        try (PreparedStatement file = connection.prepareStatement(
                "INSERT INTO snapshot_file(snapshot_id, path, md5, size) VALUES (?, ?, ?, ?)")) {
            for (ManifestEntry entry : manifest.entries()) {
                file.setString(1, snapshot.id());
                file.setString(2, entry.path());
                file.setString(3, entry.md5());
                file.setLong(4, entry.size());
                file.addBatch();
            }
            file.executeBatch();
        }
    }

    private static void addName(Connection connection, String name, String id, Instant at) throws SQLException {
        List<String> existing = strings(
                connection, "SELECT snapshot_id FROM snapshot_name WHERE name = ? AND snapshot_id = ?", name, id);
        String sql = existing.isEmpty()
                ? "INSERT INTO snapshot_name(named_at, name, snapshot_id) VALUES (?, ?, ?)"
                : "UPDATE snapshot_name SET named_at = ? WHERE name = ? AND snapshot_id = ?";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, sortable(at));
            statement.setString(2, name);
            statement.setString(3, id);
            statement.executeUpdate();
        }
    }

    /**
     * Times as fixed-width UTC text, so that ordering the text orders the times ({@code
     * Instant.toString} drops a zero fraction, and "...:05Z" sorts after "...:05.120Z").
     */
    private static String sortable(Instant at) {
        return TIMESTAMP.format(at);
    }

    private static Optional<Snapshot> load(Connection connection, String id) throws SQLException {
        try (PreparedStatement query =
                connection.prepareStatement("SELECT " + COLUMNS + " FROM snapshot WHERE id = ?")) {
            query.setString(1, id);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                String commit = row.getString(9);
                int dirty = row.getInt(10);
                GitState git = row.wasNull() ? null : new GitState(commit, dirty == 1);
                List<String> names = strings(
                        connection, "SELECT name FROM snapshot_name WHERE snapshot_id = ? ORDER BY named_at, name", id);
                return Optional.of(new Snapshot(
                        row.getString(1),
                        ObjectId.parse(row.getString(2)),
                        row.getInt(3) == 1,
                        row.getString(4),
                        row.getString(5),
                        row.getInt(6),
                        row.getLong(7),
                        Instant.parse(row.getString(8)),
                        git,
                        row.getString(11),
                        names));
            }
        }
    }

    private static List<String> strings(Connection connection, String sql, String... parameters) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setString(i + 1, parameters[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }
}
