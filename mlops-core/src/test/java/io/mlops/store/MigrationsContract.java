package io.mlops.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How migrations behave, on SQLite and on PostgreSQL. */
abstract class MigrationsContract {
    abstract StoreUrl newStore();

    @Test
    void shouldBringAnEmptyDatabaseToTheSuiteSchemaOnce() {
        StoreUrl url = newStore();
        try (Database first = Database.open(url, Migrations.suite());
                Database again = Database.open(url, Migrations.suite())) {
            assertThat(versions(again)).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 10);
            int experiments = again.read(connection -> {
                try (Statement statement = connection.createStatement();
                        ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM experiment")) {
                    rows.next();
                    return rows.getInt(1);
                }
            });
            assertThat(experiments).isEqualTo(1);
            assertThat(first.dialect()).isEqualTo(url.dialect());
        }
    }

    @Test
    void shouldApplyAMigrationBelowTheHighestAppliedVersion() {
        StoreUrl url = newStore();
        Migration one = new Migration(1, "data snapshots", "io/mlops/store/V1__snapshots.sql");
        Migration three = new Migration(3, "experiment tracking", "io/mlops/store/V3__tracking.sql");
        Migration two = new Migration(2, "a capability merged later", "io/mlops/store/test/V2__later.sql");
        try (Database early = Database.open(url, new Migrations(List.of(one, three)))) {
            assertThat(versions(early)).containsExactly(1, 3);
        }
        try (Database later = Database.open(url, new Migrations(List.of(one, two, three)))) {
            assertThat(versions(later)).containsExactly(1, 2, 3);
        }
    }

    @Test
    void shouldPreferTheDialectsOwnScript() {
        Migration tracking = new Migration(3, "experiment tracking", "io/mlops/store/V3__tracking.sql");

        assertThat(tracking.resourceFor(Dialect.POSTGRESQL)).isEqualTo("io/mlops/store/postgresql/V3__tracking.sql");
        assertThat(tracking.resourceFor(Dialect.SQLITE)).isEqualTo("io/mlops/store/V3__tracking.sql");
    }

    private static List<Integer> versions(Database database) {
        return database.read(connection -> {
            List<Integer> versions = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT version FROM schema_version ORDER BY version")) {
                while (rows.next()) {
                    versions.add(rows.getInt(1));
                }
            }
            return versions;
        });
    }
}
