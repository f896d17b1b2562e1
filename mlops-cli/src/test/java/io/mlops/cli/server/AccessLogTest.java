package io.mlops.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlops.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mlops server}'s access log, as a user reads it to see which call of a client failed. */
class AccessLogTest {
    @TempDir
    Path directory;

    private final StringWriter err = new StringWriter();

    @Test
    void shouldLogEachRequestToAFileWithoutQueryStringsOrHeaders() throws Exception {
        Path log = directory.resolve("access.log");

        served(List.of("--access-log", log.toString()), Map.of("MLFLOW_TRACKING_TOKEN", "t0ken"), uri -> {
            Http http = new Http(uri);
            http.send(HttpRequest.newBuilder(URI.create(uri + "/api/2.0/mlflow/experiments/get?experiment_id=0"))
                    .header("Authorization", "Bearer t0ken"));
            http.send(HttpRequest.newBuilder(
                            URI.create(uri + "/api/2.0/mlflow/experiments/get-by-name?experiment_name=secret-name"))
                    .header("Authorization", "Bearer t0ken"));
            http.send(HttpRequest.newBuilder(URI.create(uri + "/api/2.0/mlflow/no-such/endpoint?token=hunter2"))
                    .header("Authorization", "Bearer t0ken"));
            http.get("/api/2.0/mlflow/experiments/get?experiment_id=0");
        });

        List<String> lines = Files.readAllLines(log);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).matches("INFO access GET /api/2\\.0/mlflow/experiments/get 200 \\d+ms");
        assertThat(lines.get(1))
                .matches(
                        "INFO access GET /api/2\\.0/mlflow/experiments/get-by-name 404 \\d+ms RESOURCE_DOES_NOT_EXIST");
        assertThat(lines.get(2))
                .matches("INFO access GET /api/2\\.0/mlflow/no-such/endpoint 404 \\d+ms ENDPOINT_NOT_FOUND");
        assertThat(lines.get(3))
                .matches("INFO access GET /api/2\\.0/mlflow/experiments/get 401 \\d+ms UNAUTHENTICATED");
        assertThat(String.join("\n", lines)).doesNotContain("t0ken", "hunter2", "secret-name", "?", "Bearer");
        assertThat(err.toString()).doesNotContain("INFO access");
    }

    @Test
    void shouldLogToStandardErrorByDefaultAndNothingWhenOff() throws Exception {
        served(List.of(), Map.of(), uri -> new Http(uri).get("/api/2.0/mlflow/experiments/get?experiment_id=0"));
        assertThat(err.toString()).contains("INFO access GET /api/2.0/mlflow/experiments/get 200 ");

        StringWriter before = new StringWriter();
        before.write(err.toString());
        err.getBuffer().setLength(0);
        served(List.of("--access-log", "off"), Map.of(), uri -> new Http(uri).get("/api/2.0/mlflow/experiments/get"));
        assertThat(err.toString()).contains("tracking API at").doesNotContain("INFO access");
    }

    @FunctionalInterface
    private interface Client {
        void call(URI uri) throws Exception;
    }

    private void served(List<String> options, Map<String, String> environment, Client client) throws Exception {
        List<String> arguments = new java.util.ArrayList<>(List.of(
                "--home",
                directory.resolve("home").toString(),
                "server",
                "--port",
                "0",
                "--store",
                "sqlite:" + directory.resolve("served.db")));
        arguments.addAll(options);
        AtomicInteger status = new AtomicInteger(-1);
        int startedBefore = count(err.toString());
        Thread server = new Thread(() -> status.set(Main.run(
                arguments.toArray(String[]::new),
                new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true),
                environment)));
        server.start();
        try {
            client.call(awaitStarted(startedBefore));
        } finally {
            server.interrupt();
            server.join(10_000);
        }
        assertThat(status.get()).as(err.toString()).isZero();
    }

    private static int count(String text) {
        return text.split("tracking API at", -1).length - 1;
    }

    private URI awaitStarted(int startedBefore) throws InterruptedException {
        Pattern started = Pattern.compile("tracking API at (http://\\S+) ");
        for (int i = 0; i < 600; i++) {
            synchronized (err) {
                if (count(err.toString()) > startedBefore) {
                    Matcher matcher = started.matcher(err.toString());
                    String last = null;
                    while (matcher.find()) {
                        last = matcher.group(1);
                    }
                    return URI.create(last);
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the server did not start: " + err);
    }
}
