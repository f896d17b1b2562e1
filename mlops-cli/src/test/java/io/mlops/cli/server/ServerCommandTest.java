package io.mlops.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlops.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mlops server} as users start it. */
class ServerCommandTest {
    @TempDir
    Path directory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int mlops(Map<String, String> environment, String... arguments) {
        String[] all = new String[arguments.length + 2];
        all[0] = "--home";
        all[1] = directory.resolve("home").toString();
        System.arraycopy(arguments, 0, all, 2, arguments.length);
        return Main.run(all, new PrintWriter(out, true), new PrintWriter(err, true), environment);
    }

    @Test
    void shouldServeTrackingAndRegistryOnLoopbackUntilStoppedAndRequireTheConfiguredToken() throws Exception {
        AtomicInteger status = new AtomicInteger(-1);
        Thread server = new Thread(() -> status.set(mlops(
                Map.of("MLFLOW_TRACKING_TOKEN", "t0ken"),
                "server",
                "--port",
                "0",
                "--store",
                "sqlite:" + directory.resolve("served.db"))));
        server.start();
        try {
            URI uri = awaitStarted();
            Http http = new Http(uri);

            assertThat(uri.getHost()).isEqualTo("127.0.0.1");
            assertThat(http.get("/api/2.0/mlflow/experiments/get?experiment_id=0")
                            .status())
                    .isEqualTo(401);
            assertThat(http.send(java.net.http.HttpRequest.newBuilder(
                                            URI.create(uri + "/api/2.0/mlflow/experiments/get?experiment_id=0"))
                                    .header("Authorization", "Bearer t0ken"))
                            .status())
                    .isEqualTo(200);
            assertThat(http.get("/api/2.0/mlflow/registered-models/search").status())
                    .isEqualTo(401);
            assertThat(http.send(java.net.http.HttpRequest.newBuilder(
                                            URI.create(uri + "/api/2.0/mlflow/registered-models/search"))
                                    .header("Authorization", "Bearer t0ken"))
                            .status())
                    .isEqualTo(200);
            assertThat(http.get("/api/registry/v1/models").status()).isEqualTo(200);
            assertThat(http.postJson("/api/registry/v1/models/m/aliases/production", "{\"version\":1,\"reason\":\"r\"}")
                            .status())
                    .isEqualTo(401);
            assertThat(err.toString()).contains("token required").doesNotContain("t0ken");
        } finally {
            server.interrupt();
            server.join(10_000);
        }
        assertThat(status.get()).isZero();
    }

    private URI awaitStarted() throws InterruptedException {
        Pattern started = Pattern.compile("tracking API at (http://\\S+) ");
        for (int i = 0; i < 300; i++) {
            Matcher matcher = started.matcher(err.toString());
            if (matcher.find()) {
                return URI.create(matcher.group(1));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the server did not start: " + err);
    }

    @Test
    void shouldExplainAPortInUse() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            int status = mlops(Map.of(), "server", "--port", String.valueOf(taken.getLocalPort()));

            assertThat(status).isEqualTo(1);
            assertThat(err.toString()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void shouldExplainABadStoreWithoutShowingItsPassword() {
        int status = mlops(Map.of(), "server", "--store", "mysql://root:hunter2@db/mlops");

        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).contains("unsupported store URL").doesNotContain("hunter2");
    }

    @Test
    void shouldRefuseANegativeHealthPollInterval() {
        int status = mlops(Map.of(), "server", "--health-poll-seconds", "-1");

        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).contains("--health-poll-seconds must be at least 0");
    }

    @Test
    void shouldDescribeItsOptions() {
        assertThat(mlops(Map.of(), "server", "--help")).isZero();

        assertThat(out.toString())
                .contains("--host", "--port", "--store", "--artifacts", "--model-files", "MLFLOW_TRACKING_TOKEN")
                .contains("--health-poll-seconds", "--health-retention-hours", "--health-max-samples");
    }
}
