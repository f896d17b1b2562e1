package io.mlops.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An ordered set of schema migrations and the runner that applies the pending ones.
 *
 * <p>Applied versions are recorded in {@code schema_version}; all pending migrations run in one
 * transaction, so a database is either at the old or at the new version, never in between. A
 * migration is pending when its version was never applied, even below the highest applied one:
 * capabilities add their migrations independently, and a database may have met a later one first.
 * On PostgreSQL an advisory lock keeps two processes from migrating at once (SQLite's IMMEDIATE
 * transactions already do).
 */
public final class Migrations {
    // Any constant works; it names the lock that serializes migrations of one PostgreSQL database.
    private static final long MIGRATION_LOCK = 0x6d6c6f7073L;

    private final List<Migration> migrations;

    /**
     * Creates the set from migrations in any order.
     *
     * @param migrations the schema changes; versions must be unique
     */
    public Migrations(List<Migration> migrations) {
        List<Migration> sorted = new ArrayList<>(migrations);
        sorted.sort(Comparator.comparingInt(Migration::version));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).version() == sorted.get(i - 1).version()) {
                throw new IllegalArgumentException(
                        "two migrations share version " + sorted.get(i).version());
            }
        }
        this.migrations = List.copyOf(sorted);
    }

    /**
     * The suite's own schema: every migration of every capability, in order.
     *
     * @return the migrations of the suite's metadata database
     */
    public static Migrations suite() {
        return new Migrations(List.of(
                new Migration(1, "data snapshots", "io/mlops/store/V1__snapshots.sql"),
                new Migration(2, "dataset cards", "io/mlops/store/V2__dataset_cards.sql"),
                new Migration(3, "experiment tracking", "io/mlops/store/V3__tracking.sql"),
                new Migration(4, "model registry", "io/mlops/store/V4__registry.sql"),
                new Migration(5, "registry webhooks", "io/mlops/store/V5__webhooks.sql"),
                new Migration(6, "registry event outbox and build tokens", "io/mlops/store/V6__registry_outbox.sql"),
                new Migration(7, "logged models", "io/mlops/store/V7__logged_models.sql"),
                new Migration(8, "mlflow registry protocol", "io/mlops/store/V8__mlflow_registry.sql"),
                new Migration(9, "deployment health", "io/mlops/store/V9__deployment_health.sql"),
                new Migration(10, "alert rules and alert state", "io/mlops/store/V10__alerts.sql"),
                new Migration(11, "labeling webhooks and triggers", "io/mlops/store/V11__labeling_triggers.sql")));
    }

    /**
     * The highest version in the set.
     *
     * @return the version a migrated database reports
     */
    public int latestVersion() {
        return migrations.isEmpty() ? 0 : migrations.getLast().version();
    }

    void apply(Database database) {
        database.inTransaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                if (database.dialect() == Dialect.POSTGRESQL) {
                    statement.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
                }
                statement.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                        + "version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)");
            }
            Set<Integer> applied = appliedVersions(connection);
            for (Migration migration : migrations) {
                if (!applied.contains(migration.version())) {
                    run(connection, migration, database.dialect());
                }
            }
            return null;
        });
    }

    private static Set<Integer> appliedVersions(Connection connection) throws SQLException {
        Set<Integer> versions = new HashSet<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT version FROM schema_version")) {
            while (rows.next()) {
                versions.add(rows.getInt(1));
            }
        }
        return versions;
    }

    /**
     * The version a database is at.
     *
     * @param connection an open connection
     * @return the highest applied version, 0 for an empty database
     * @throws SQLException on a database failure
     */
    public static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void run(Connection connection, Migration migration, Dialect dialect) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements(migration.resourceFor(dialect))) {
                statement.execute(sql);
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO schema_version(version, description, applied_at) VALUES (?, ?, ?)")) {
            insert.setInt(1, migration.version());
            insert.setString(2, migration.description());
            insert.setString(3, java.time.Instant.now().toString());
            insert.executeUpdate();
        }
    }

    private static List<String> statements(String resource) {
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("migration script missing from the classpath: " + resource);
            }
            String script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> statements = new ArrayList<>();
            for (String part : script.split(";")) {
                String sql = part.lines()
                        .filter(line -> !line.strip().startsWith("--"))
                        .reduce("", (a, b) -> a + "\n" + b)
                        .strip();
                if (!sql.isEmpty()) {
                    statements.add(sql);
                }
            }
            return statements;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
