package io.mlops.data;

import io.mlops.store.Database;
import io.mlops.store.Migration;
import io.mlops.store.Migrations;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers the MD5 of files by {@link FileStamp}, so unchanged files are not hashed again.
 *
 * <p>A small SQLite file beside the cache (DVC keeps its own in {@code .dvc/tmp}). The whole table
 * is read once per snapshot and new stamps are written in one transaction: a hundred thousand
 * look-ups cost one query. Safe for several processes: WAL mode and a busy timeout.
 */
public final class FileStateCache {
    private static final Migrations SCHEMA =
            new Migrations(List.of(new Migration(1, "file hash state", "io/mlops/store/state/V1__file_state.sql")));

    private final Database database;
    private final Map<String, Row> rows;

    private record Row(long mtimeNanos, long size, String md5) {}

    private FileStateCache(Database database, Map<String, Row> rows) {
        this.database = database;
        this.rows = rows;
    }

    /**
     * Opens the state file, creating it if needed, and loads it.
     *
     * @param file the SQLite file
     * @return the loaded cache
     */
    public static FileStateCache open(Path file) {
        Database database = Database.sqlite(file, SCHEMA);
        Map<String, Row> rows = database.inTransaction(connection -> {
            Map<String, Row> loaded = new HashMap<>();
            try (Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("SELECT inode, mtime_ns, size, md5 FROM file_state")) {
                while (result.next()) {
                    loaded.put(result.getString(1), new Row(result.getLong(2), result.getLong(3), result.getString(4)));
                }
            }
            return loaded;
        });
        return new FileStateCache(database, rows);
    }

    /**
     * The MD5 recorded for a stamp.
     *
     * @param stamp the file's current stamp
     * @return the digest, or null when the file changed or was never hashed
     */
    public String md5(FileStamp stamp) {
        if (!stamp.usable()) {
            return null;
        }
        Row row = rows.get(stamp.inode());
        if (row == null || row.mtimeNanos() != stamp.mtimeNanos() || row.size() != stamp.size()) {
            return null;
        }
        return row.md5();
    }

    /**
     * Records the digests of freshly hashed files, in one transaction.
     *
     * @param hashed stamps and their digests
     */
    public void recordAll(List<Map.Entry<FileStamp, String>> hashed) {
        if (hashed.isEmpty()) {
            return;
        }
        database.inTransaction(connection -> {
            try (PreparedStatement upsert = connection.prepareStatement(
                    "INSERT OR REPLACE INTO file_state(inode, mtime_ns, size, md5) VALUES (?, ?, ?, ?)")) {
                for (Map.Entry<FileStamp, String> entry : hashed) {
                    FileStamp stamp = entry.getKey();
                    if (!stamp.usable()) {
                        continue;
                    }
                    upsert.setString(1, stamp.inode());
                    upsert.setLong(2, stamp.mtimeNanos());
                    upsert.setLong(3, stamp.size());
                    upsert.setString(4, entry.getValue());
                    upsert.addBatch();
                }
                upsert.executeBatch();
            }
            return null;
        });
        for (Map.Entry<FileStamp, String> entry : hashed) {
            FileStamp stamp = entry.getKey();
            rows.put(stamp.inode(), new Row(stamp.mtimeNanos(), stamp.size(), entry.getValue()));
        }
    }
}
