package io.mlops.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.mlops.error.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.sqlite.SQLiteConfig;

/**
 * The metadata database of the suite, opened from a store location and migrated to the current
 * schema on open.
 *
 * <p>SQLite is the embedded default: WAL mode with a busy timeout lets several processes write one
 * file safely, and write transactions begin IMMEDIATE so that two writers queue instead of failing
 * on lock upgrade. A database from {@link #sqlite} opens a connection per unit of work and holds
 * nothing between them. One from {@link #open} keeps its idle connections for the next unit of work,
 * as a server needs: closing the last connection of a WAL database checkpoints it to disk, which
 * would otherwise happen after every request. PostgreSQL connections come from a small pool,
 * because each new one forks a server process. A database from {@link #open} must be
 * {@linkplain #close() closed}.
 *
 * <p>Failures that may pass (SQLite locked past the busy timeout, PostgreSQL unreachable) are
 * thrown as {@link StoreUnavailable}; anything else as {@link UserError}. Credentials never appear
 * in messages.
 */
public final class Database implements AutoCloseable {
    /** How long a refused first open of a SQLite file waits before it tries again. */
    private static final Duration OPEN_RETRY_PAUSE = Duration.ofMillis(50);

    private static final Duration BUSY_TIMEOUT = Duration.ofSeconds(30);
    private static final int POOL_SIZE = 16;
    // How long a request waits for PostgreSQL before it is answered "unavailable" (and retried).
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final int SERIALIZATION_RETRIES = 3;

    private static final int MAX_IDLE_SQLITE = 8;
    private static final String POSTGRESQL_DRIVER = "org.postgresql.Driver";

    private final StoreUrl url;
    private final SQLiteConfig sqliteConfig;
    private final Deque<Connection> idle;
    private final HikariDataSource pool;
    private volatile boolean closed;

    private Database(StoreUrl url, SQLiteConfig sqliteConfig, Deque<Connection> idle, HikariDataSource pool) {
        this.url = url;
        this.sqliteConfig = sqliteConfig;
        this.idle = idle;
        this.pool = pool;
    }

    /**
     * Opens the database at a store location and applies pending migrations.
     *
     * @param url a SQLite file or a PostgreSQL server
     * @param migrations the schema this database must have
     * @return the open database
     * @throws UserError when the store cannot be opened or reached
     */
    public static Database open(StoreUrl url, Migrations migrations) {
        return url.dialect() == Dialect.SQLITE
                ? sqlite(url.file(), migrations, BUSY_TIMEOUT, new ConcurrentLinkedDeque<>())
                : postgresql(url, migrations);
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
        return sqlite(file, migrations, BUSY_TIMEOUT);
    }

    /**
     * Opens a SQLite database with a given busy timeout: how long a writer waits for another
     * writer's lock before the work fails with {@link StoreUnavailable}.
     *
     * @param file the database file; its parent directories are created
     * @param migrations the schema this database must have
     * @param busyTimeout how long to wait for a lock
     * @return the open database
     */
    public static Database sqlite(Path file, Migrations migrations, Duration busyTimeout) {
        return sqlite(file, migrations, busyTimeout, null);
    }

    private static Database sqlite(Path file, Migrations migrations, Duration busyTimeout, Deque<Connection> idle) {
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
        config.setBusyTimeout((int) busyTimeout.toMillis());
        config.enforceForeignKeys(true);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        Database database = new Database(StoreUrl.sqlite(file), config, idle, null);
        long deadline = System.nanoTime() + busyTimeout.toNanos();
        while (true) {
            try {
                migrations.apply(database);
                return database;
            } catch (StoreUnavailable e) {
                // Two openers of a brand-new file: while the first switches it to WAL, SQLite refuses
                // the second at once, without its busy handler. Wait as the handler would have.
                if (System.nanoTime() > deadline || !pauseBeforeRetry()) {
                    database.close();
                    throw e;
                }
            } catch (RuntimeException e) {
                database.close();
                throw e;
            }
        }
    }

    private static boolean pauseBeforeRetry() {
        try {
            Thread.sleep(OPEN_RETRY_PAUSE.toMillis());
            return true;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Database postgresql(StoreUrl url, Migrations migrations) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url.jdbcUrl());
        // Named, not looked up: DriverManager only sees drivers of the class loader that registered
        // them, and inside a Jenkins plugin that is not the one asking. SQLite connections are made
        // by SQLiteConfig directly and never ask DriverManager.
        config.setDriverClassName(POSTGRESQL_DRIVER);
        config.setUsername(url.user());
        config.setPassword(url.password());
        config.setMaximumPoolSize(POOL_SIZE);
        config.setMinimumIdle(1);
        config.setConnectionTimeout(CONNECT_TIMEOUT.toMillis());
        config.setPoolName("mlops-store");
        config.addDataSourceProperty("ApplicationName", "mlops");
        // Sends a JDBC batch as multi-row INSERTs: a 1,000-metric batch is one round trip, not 1,000.
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        config.addDataSourceProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT.toSeconds()));
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new StoreUnavailable(
                    "cannot reach the PostgreSQL store " + url + ": " + cause.getMessage(),
                    "the metadata store is unavailable: it is unreachable",
                    e);
        }
        Database database = new Database(url, null, null, pool);
        try {
            migrations.apply(database);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database;
    }

    /**
     * The SQL dialect of this database.
     *
     * @return SQLite or PostgreSQL
     */
    public Dialect dialect() {
        return url.dialect();
    }

    /**
     * Where this database lives.
     *
     * @return the location; its {@code toString} hides the password
     */
    public StoreUrl url() {
        return url;
    }

    /**
     * Opens a new connection (or borrows a pooled one); the caller closes it.
     *
     * @return a connection in auto-commit mode
     * @throws UserError when the database cannot be opened
     */
    public Connection connect() {
        try {
            return pool != null ? pool.getConnection() : sqliteConfig.createConnection(url.jdbcUrl());
        } catch (SQLException e) {
            throw failure("cannot open", e);
        }
    }

    /**
     * Runs work in one transaction: committed when it returns, rolled back when it throws.
     *
     * <p>On PostgreSQL a transaction that lost a deadlock or a serialization conflict is run again
     * (up to three times), so the work must do nothing outside the connection.
     *
     * @param work what to do with the connection
     * @param <T> the result type
     * @return what the work returned
     * @throws StoreUnavailable when the store is locked or unreachable
     */
    public <T> T inTransaction(TransactionWork<T> work) {
        return transaction(work, false);
    }

    /**
     * Runs read-only work in one transaction, which on SQLite does not wait for writers.
     *
     * @param work what to read
     * @param <T> the result type
     * @return what the work returned
     * @throws StoreUnavailable when the store is locked or unreachable
     */
    public <T> T read(TransactionWork<T> work) {
        return transaction(work, true);
    }

    private <T> T transaction(TransactionWork<T> work, boolean readOnly) {
        for (int attempt = 1; ; attempt++) {
            try {
                return pool != null ? pooledTransaction(work, readOnly) : sqliteTransaction(work, readOnly);
            } catch (SQLException e) {
                if (attempt < SERIALIZATION_RETRIES && lostConflict(e)) {
                    continue;
                }
                if (attempt == 1 && e instanceof StaleConnection) {
                    // The server restarted since the pool opened its idle connections: they are all
                    // dead, and the work never reached a commit, so it is safe to run it once more.
                    pool.getHikariPoolMXBean().softEvictConnections();
                    continue;
                }
                throw failure("database error in", e);
            }
        }
    }

    private <T> T pooledTransaction(TransactionWork<T> work, boolean readOnly) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            connection.setReadOnly(readOnly);
            connection.setAutoCommit(false);
            T result;
            try {
                result = work.run(connection);
            } catch (SQLException e) {
                rollbackQuietly(connection, e);
                throw mayPass(e) ? new StaleConnection(e) : e;
            } catch (RuntimeException e) {
                rollbackQuietly(connection, e);
                throw e;
            }
            try {
                connection.commit();
                return result;
            } catch (SQLException e) {
                rollbackQuietly(connection, e);
                throw e;
            }
        }
    }

    /** A pooled connection that failed before its transaction reached the commit. */
    private static final class StaleConnection extends SQLException {
        private static final long serialVersionUID = 1L;

        StaleConnection(SQLException cause) {
            super(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
        }
    }

    /**
     * A SQLite transaction, begun and ended by statements: the driver's own transaction handling
     * begins the next transaction at commit, which would hold the write lock while a kept
     * connection idles.
     */
    private <T> T sqliteTransaction(TransactionWork<T> work, boolean readOnly) throws SQLException {
        Connection connection = idleConnection();
        boolean reusable = false;
        try {
            execute(connection, readOnly ? "BEGIN DEFERRED" : "BEGIN IMMEDIATE");
            reusable = true;
            try {
                T result = work.run(connection);
                execute(connection, "COMMIT");
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    execute(connection, "ROLLBACK");
                } catch (SQLException rollbackFailure) {
                    reusable = false;
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
        } finally {
            release(connection, reusable);
        }
    }

    private Connection idleConnection() throws SQLException {
        Connection connection = idle == null ? null : idle.pollFirst();
        return connection != null ? connection : sqliteConfig.createConnection(url.jdbcUrl());
    }

    private void release(Connection connection, boolean reusable) throws SQLException {
        if (reusable && idle != null && !closed && idle.size() < MAX_IDLE_SQLITE) {
            idle.offerFirst(connection);
            if (!closed) {
                return;
            }
            idle.remove(connection);
        }
        connection.close();
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            // A dead connection cannot roll back; the server discards the transaction itself.
            cause.addSuppressed(rollbackFailure);
        }
    }

    private boolean lostConflict(SQLException e) {
        String state = e.getSQLState();
        return dialect() == Dialect.POSTGRESQL && ("40001".equals(state) || "40P01".equals(state));
    }

    private UserError failure(String doing, SQLException e) {
        if (mayPass(e)) {
            String why = dialect() == Dialect.SQLITE
                    ? "it is locked by another writer (waited " + sqliteConfig.getBusyTimeout() + " ms)"
                    : "it is unreachable or shutting down";
            return new StoreUnavailable(
                    "the metadata store " + url + " is unavailable: " + why + ": " + e.getMessage(),
                    "the metadata store is unavailable: " + why,
                    e);
        }
        return new StoreFailure(
                doing + " the database " + url + ": " + e.getMessage(),
                "the metadata store failed; the server's log has the details",
                e);
    }

    private boolean mayPass(SQLException e) {
        if (e instanceof SQLTransientConnectionException) {
            return true;
        }
        if (dialect() == Dialect.SQLITE) {
            int primary = e.getErrorCode() & 0xff;
            return primary == 5 /* SQLITE_BUSY */ || primary == 6 /* SQLITE_LOCKED */;
        }
        String state = e.getSQLState();
        return state != null
                && (state.startsWith("08") // connection exception
                        || state.startsWith("53") // insufficient resources
                        || state.startsWith("57P")); // operator intervention: shutdown, cannot connect now
    }

    /** Closes the kept connections; a database from {@link #sqlite} holds none. */
    @Override
    public void close() {
        closed = true;
        if (pool != null) {
            pool.close();
        }
        if (idle != null) {
            for (Connection connection; (connection = idle.pollFirst()) != null; ) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    // Closing is best effort; SQLite releases the file when the process ends.
                }
            }
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
