package io.mlops.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.testing.PostgresExtension;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A PostgreSQL store opens where {@link DriverManager} does not know the driver, as inside a
 * Jenkins plugin, whose class loader is not the one DriverManager answers for.
 */
class PostgresDriverTest {
    @RegisterExtension
    static final PostgresExtension POSTGRES = new PostgresExtension();

    @Test
    void shouldOpenAPostgresqlStoreWhenDriverManagerHasNoDriverForIt() throws SQLException {
        StoreUrl url = StoreUrl.parse(POSTGRES.createDatabase());
        List<Driver> removed = new ArrayList<>();
        for (Driver driver : Collections.list(DriverManager.getDrivers())) {
            if (driver.getClass().getName().equals("org.postgresql.Driver")) {
                DriverManager.deregisterDriver(driver);
                removed.add(driver);
            }
        }
        try {
            assertThatThrownBy(() -> DriverManager.getDriver(url.jdbcUrl()))
                    .as("the premise: DriverManager cannot find it")
                    .isInstanceOf(SQLException.class);

            try (Database database = Database.open(url, Migrations.suite())) {
                int version = database.read(connection -> {
                    try (Statement statement = connection.createStatement();
                            ResultSet rows = statement.executeQuery("SELECT MAX(version) FROM schema_version")) {
                        rows.next();
                        return rows.getInt(1);
                    }
                });
                assertThat(version).isEqualTo(Migrations.suite().latestVersion());
            }
        } finally {
            for (Driver driver : removed) {
                DriverManager.registerDriver(driver);
            }
        }
    }
}
