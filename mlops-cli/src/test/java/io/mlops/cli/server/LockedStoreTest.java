package io.mlops.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlops.store.Database;
import io.mlops.store.Migrations;
import io.mlops.tracking.NewRun;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A store locked by another writer is a 503 with a clear message, which MLflow's client retries. */
class LockedStoreTest {
    @TempDir
    Path directory;

    @Test
    void shouldAnswerServiceUnavailableWhileTheStoreIsLocked() throws Exception {
        Path file = directory.resolve("mlops.db");
        Database database = Database.sqlite(file, Migrations.suite(), Duration.ofMillis(200));
        try (TrackingServer server = TrackingServer.start(database, directory.resolve("artifacts"))) {
            String run = server.store()
                    .createRun(new NewRun("0", "alice", 1, null, List.of()))
                    .id();
            Http http = new Http(server.uri());
            String metric = "{\"run_id\": \"" + run + "\", \"key\": \"m\", \"value\": 1, \"timestamp\": 1}";

            try (Connection other = Database.sqlite(file, Migrations.suite()).connect();
                    Statement lock = other.createStatement()) {
                lock.execute("BEGIN EXCLUSIVE");
                Http.Answer locked = http.postJson("/api/2.0/mlflow/runs/log-metric", metric);

                assertThat(locked.status()).isEqualTo(503);
                assertThat(locked.response().headers().firstValue("Retry-After"))
                        .contains("1");
                assertThat(locked.json().get("error_code").asText()).isEqualTo("TEMPORARILY_UNAVAILABLE");
                assertThat(locked.json().get("message").asText())
                        .contains("the metadata store is unavailable")
                        .contains("locked by another writer")
                        // The store's file is the operator's business, not the client's.
                        .doesNotContain(file.toString());
                lock.execute("ROLLBACK");
            }

            assertThat(http.postJson("/api/2.0/mlflow/runs/log-metric", metric).status())
                    .isEqualTo(200);
            assertThat(server.store().run(run).metrics()).hasSize(1);
        }
    }

    @Test
    void shouldBeRetriedByTheMlflowClientUntilTheLockIsReleased() throws Exception {
        Path script = PythonClient.script(directory, "log_while_locked.py");
        Path file = directory.resolve("mlops.db");
        AtomicInteger attempts = new AtomicInteger();
        Filter counter = (request, response, chain) -> {
            if (((HttpServletRequest) request).getRequestURI().endsWith("/runs/log-metric")) {
                attempts.incrementAndGet();
            }
            chain.doFilter(request, response);
        };
        Database database = Database.sqlite(file, Migrations.suite(), Duration.ofMillis(200));
        try (TrackingServer server = TrackingServer.start(database, directory.resolve("artifacts"), counter)) {
            String run = server.store()
                    .createRun(new NewRun("0", "alice", 1, null, List.of()))
                    .id();
            Map<String, String> environment = PythonClient.environment(server.uri());
            environment.put("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "6");
            environment.put("MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR", "1");

            PythonClient.Running client;
            try (Connection other = Database.sqlite(file, Migrations.suite()).connect();
                    Statement lock = other.createStatement()) {
                lock.execute("BEGIN EXCLUSIVE");
                client = PythonClient.start(script, environment, run);
                long deadline = System.nanoTime() + 60_000_000_000L;
                while (attempts.get() < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                lock.execute("ROLLBACK");
            }
            PythonClient.Outcome outcome = client.await();

            assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
            assertThat(attempts.get()).as("503 answers the client retried").isGreaterThanOrEqualTo(2);
            assertThat(server.store().run(run).metric("patience")).isPresent();
        }
    }
}
