package io.mlops.store;

import io.mlops.error.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;

/**
 * The metadata database of the suite, opened from a store location and migrated to the current
 * schema on open.
 *
 * <p>SQLite is the embedded default. Connections are opened per unit of work: SQLite in WAL mode
 * with a busy timeout lets several processes write one file safely, and write transactions start
 * IMMEDIATE so that two writers queue instead of failing on lock upgrade.
 */
public final class Database {
    private static final int BUSY_TIMEOUT_MILLIS = 30_000;

    private final String jdbcUrl;
    private final SQLiteConfig config;

    private Database(String jdbcUrl, SQLiteConfig config) {
        this.jdbcUrl = jdbcUrl;
        this.config = config;
    }

    /**
     * Opens (creating if needed) a SQLite database file and applies pending migrations.
     *
     * @param file the database file; its parent directories are created
     * @param migrations the schema this database must have
     * @return the open database
     * @throws UserError when the file cannot be created or opened
     */
    public static Database sqlite(Path file, Migrations migrations) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new UserError("cannot create the directory of the database " + file + ": " + e.getMessage(), e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.enforceForeignKeys(true);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        Database database = new Database("jdbc:sqlite:" + file.toAbsolutePath(), config);
        migrations.apply(database);
        return database;
    }

    /**
     * Opens a new connection; the caller closes it.
     *
     * @return a connection in auto-commit mode
     * @throws UserError when the database cannot be opened
     */
    public Connection connect() {
        try {
            return config.createConnection(jdbcUrl);
        } catch (SQLException e) {
            throw new UserError("cannot open the database " + jdbcUrl + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs work in one transaction: committed when it returns, rolled back when it throws.
     *
     * @param work what to do with the connection
     * @param <T> the result type
     * @return what the work returned
     */
    public <T> T inTransaction(TransactionWork<T> work) {
        try (Connection connection = connect()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new UserError("database error in " + jdbcUrl + ": " + e.getMessage(), e);
        }
    }

    /** Work done inside one transaction. */
    @FunctionalInterface
    public interface TransactionWork<T> {
        /**
         * Does the work.
         *
         * @param connection the transaction's connection
         * @return a result
         * @throws SQLException on a database failure, which rolls the transaction back
         */
        T run(Connection connection) throws SQLException;
    }
}
