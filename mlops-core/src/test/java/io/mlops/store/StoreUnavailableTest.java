package io.mlops.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.testing.PostgresExtension;
import io.mlops.testing.PostgresServer;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store that is locked or unreachable fails with a clear, retryable error and recovers. */
class StoreUnavailableTest {
    @TempDir
    Path directory;

    @Test
    void shouldReportASqliteStoreLockedPastTheBusyTimeout() throws Exception {
        Path file = directory.resolve("locked.db");
        Database database = Database.sqlite(file, Migrations.suite(), Duration.ofMillis(200));
        try (Connection holder = database.connect();
                Statement statement = holder.createStatement()) {
            statement.execute("BEGIN EXCLUSIVE");

            assertThatThrownBy(() -> database.inTransaction(connection -> {
                        try (Statement insert = connection.createStatement()) {
                            return insert.executeUpdate("DELETE FROM experiment WHERE id = 42");
                        }
                    }))
                    .isInstanceOf(StoreUnavailable.class)
                    .hasMessageContaining("the metadata store sqlite:" + file)
                    .hasMessageContaining("locked by another writer (waited 200 ms)");

            statement.execute("ROLLBACK");
        }
        assertThat(countExperiments(database)).isEqualTo(1);
    }

    @Test
    void shouldReportAnUnreachablePostgresqlWithoutItsPassword() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        StoreUrl url = StoreUrl.parse("postgresql://mlops:hunter2@127.0.0.1:" + closedPort + "/mlops");

        assertThatThrownBy(() -> Database.open(url, Migrations.suite()))
                .isInstanceOf(StoreUnavailable.class)
                .hasMessageContaining(
                        "cannot reach the PostgreSQL store postgresql://mlops:***@127.0.0.1:" + closedPort)
                .message()
                .doesNotContain("hunter2");
    }

    @Test
    void shouldFailWhilePostgresqlIsDownAndRecoverWhenItIsBack() throws Exception {
        try (PostgresServer server = PostgresServer.start(PostgresExtension.binaries())) {
            Database database = Database.open(StoreUrl.parse(server.createDatabase()), Migrations.suite());
            try (database) {
                server.stop();

                assertThatThrownBy(() -> countExperiments(database))
                        .isInstanceOf(StoreUnavailable.class)
                        .hasMessageContaining("is unavailable")
                        .message()
                        .doesNotContain(server.password());

                server.startServer();
                assertThat(countExperiments(database)).isEqualTo(1);
            }
        }
    }

    private static int countExperiments(Database database) {
        return database.read(connection -> {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM experiment")) {
                rows.next();
                return rows.getInt(1);
            }
        });
    }
}
