package io.mlops.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlops.store.Database;
import io.mlops.store.Migrations;
import io.mlops.store.StoreUrl;
import io.mlops.testing.PostgresExtension;
import io.mlops.testing.PostgresServer;
import io.mlops.tracking.NewRun;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL going away under a running server: requests get a 503 that names the store (without
 * its password), and MLflow's client, retrying, gets through once PostgreSQL is back.
 */
class PostgresUnreachableTest {
    @TempDir
    Path directory;

    @Test
    void shouldAnswerServiceUnavailableUntilPostgresqlIsBackAndTheClientRetries() throws Exception {
        Path script = PythonClient.script(directory, "log_while_locked.py");
        AtomicInteger attempts = new AtomicInteger();
        Filter counter = (request, response, chain) -> {
            if (((HttpServletRequest) request).getRequestURI().endsWith("/runs/log-metric")) {
                attempts.incrementAndGet();
            }
            chain.doFilter(request, response);
        };
        try (PostgresServer postgres = PostgresServer.start(PostgresExtension.binaries());
                TrackingServer server = TrackingServer.start(
                        Database.open(StoreUrl.parse(postgres.createDatabase()), Migrations.suite()),
                        directory.resolve("artifacts"),
                        counter)) {
            String run = server.store()
                    .createRun(new NewRun("0", "alice", 1, null, List.of()))
                    .id();
            Http http = new Http(server.uri());

            postgres.stop();
            Http.Answer down = http.get("/api/2.0/mlflow/runs/get?run_id=" + run);

            assertThat(down.status()).isEqualTo(503);
            assertThat(down.json().get("error_code").asText()).isEqualTo("TEMPORARILY_UNAVAILABLE");
            assertThat(down.json().get("message").asText())
                    .contains("the metadata store is unavailable")
                    .contains("unreachable")
                    .doesNotContain("postgresql://")
                    .doesNotContain(postgres.password());

            Map<String, String> environment = PythonClient.environment(server.uri());
            environment.put("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "8");
            environment.put("MLFLOW_HTTP_REQUEST_BACKOFF_FACTOR", "1");
            PythonClient.Running client = PythonClient.start(script, environment, run);
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (attempts.get() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            postgres.startServer();
            PythonClient.Outcome outcome = client.await();

            assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
            assertThat(attempts.get()).isGreaterThanOrEqualTo(2);
            assertThat(server.store().run(run).metric("patience")).isPresent();
        }
    }
}
