package io.mlops.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {
    @TempDir
    Path tmp;

    @Test
    void shouldApplyEachMigrationOnceAndRecordTheVersion() throws Exception {
        Path file = tmp.resolve("db/mlops.db");
        Database.sqlite(file, Migrations.suite());
        Database reopened = Database.sqlite(file, Migrations.suite());

        try (Connection connection = reopened.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM schema_version")) {
            rows.next();
            // One row per migration; 6 (the registry outbox of issue 13) is merged on its own branch.
            assertThat(rows.getInt(1)).isEqualTo(Migrations.suite().latestVersion() - 1);
            assertThat(Migrations.currentVersion(connection))
                    .isEqualTo(Migrations.suite().latestVersion());
        }
    }

    @Test
    void shouldUseWriteAheadLogging() throws Exception {
        Database database = Database.sqlite(tmp.resolve("wal.db"), Migrations.suite());

        try (Connection connection = database.connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("PRAGMA journal_mode")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualToIgnoringCase("wal");
        }
    }

    @Test
    void shouldRejectTwoMigrationsWithOneVersion() {
        assertThatThrownBy(
                        () -> new Migrations(List.of(new Migration(1, "a", "a.sql"), new Migration(1, "b", "b.sql"))))
                .hasMessageContaining("two migrations share version 1");
    }
}
