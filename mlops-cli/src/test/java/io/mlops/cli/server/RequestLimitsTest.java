package io.mlops.cli.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.mlops.store.Database;
import io.mlops.store.Migrations;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bodies are measured while they arrive and refused past the endpoint's limit before they are parsed;
 * the number of JSON tokens and of searched experiments is bounded; no error answer shows a file or SQL.
 */
class RequestLimitsTest {
    @TempDir
    Path directory;

    private TrackingServer start() throws IOException {
        Database database = Database.sqlite(directory.resolve("mlops.db"), Migrations.suite());
        return TrackingServer.start(database, directory.resolve("artifacts"));
    }

    @Test
    void shouldRefuseAnOversizedLogBatchBeforeTheRestOfItArrives() throws Exception {
        try (TrackingServer server = start()) {
            // A chunked body of empty objects: 2 MB sent, and the sender then waits for an answer
            // without ending the body. A server that reads up to its old 64 MB limit never answers.
            byte[] chunk = ("{\"metrics\": [" + "{},".repeat(700_000)).getBytes(StandardCharsets.US_ASCII);
            String answer = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                try (Socket socket =
                        new Socket(server.uri().getHost(), server.uri().getPort())) {
                    OutputStream out = socket.getOutputStream();
                    out.write(("POST /api/2.0/mlflow/runs/log-batch HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    return head(socket.getInputStream());
                }
            });
            assertThat(answer).startsWith("HTTP/1.1 400").contains("1000000");
        }
    }

    @Test
    void shouldRefuseADeclaredLengthOverTheLimitWithoutReadingTheBody() throws Exception {
        try (TrackingServer server = start()) {
            String answer = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
                try (Socket socket =
                        new Socket(server.uri().getHost(), server.uri().getPort())) {
                    socket.getOutputStream()
                            .write(("POST /api/2.0/mlflow/runs/search HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                                            + "Content-Type: application/json\r\nContent-Length: 30000000\r\n\r\n{")
                                    .getBytes(StandardCharsets.US_ASCII));
                    return head(socket.getInputStream());
                }
            });
            assertThat(answer).startsWith("HTTP/1.1 400").contains("exceeds the limit of " + (8 * 1024 * 1024));
        }
    }

    @Test
    void shouldRefuseMoreJsonTokensThanTheLimit() throws Exception {
        try (TrackingServer server = start()) {
            String ids = String.join(",", Collections.nCopies(300_000, "\"0\""));
            Http.Answer answer = new Http(server.uri())
                    .postJson("/api/2.0/mlflow/runs/search", "{\"experiment_ids\": [" + ids + "]}");
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.json().get("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
            assertThat(answer.json().get("message").asText()).contains("200000 JSON tokens");
        }
    }

    @Test
    void shouldRefuseASearchOfMoreExperimentsThanTheLimitNamingIt() throws Exception {
        try (TrackingServer server = start()) {
            String ids = String.join(",", Collections.nCopies(40_000, "\"0\""));
            Http.Answer answer = new Http(server.uri())
                    .postJson("/api/2.0/mlflow/runs/search", "{\"experiment_ids\": [" + ids + "]}");
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.json().get("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
            assertThat(answer.json().get("message").asText()).contains("at most 10000");
            assertThat(answer.text()).doesNotContain(directory.toString());
        }
    }

    @Test
    void shouldNeverShowFilesOrSqlWhenTheStoreFails() throws Exception {
        Path file = directory.resolve("mlops.db");
        try (TrackingServer server = TrackingServer.start(
                        Database.sqlite(file, Migrations.suite()), directory.resolve("artifacts"));
                Connection connection =
                        Database.sqlite(file, Migrations.suite()).connect();
                Statement statement = connection.createStatement()) {
            // Renamed away, the table every run search reads is missing: the database fails with its own
            // words, which name the table and the store's file.
            statement.execute("ALTER TABLE run RENAME TO run_hidden");
            Http.Answer answer =
                    new Http(server.uri()).postJson("/api/2.0/mlflow/runs/search", "{\"experiment_ids\": [\"0\"]}");
            assertThat(answer.status()).isEqualTo(500);
            assertThat(answer.json().get("error_code").asText()).isEqualTo("INTERNAL_ERROR");
            assertThat(answer.text())
                    .doesNotContain(directory.toString())
                    .doesNotContainIgnoringCase("select")
                    .doesNotContainIgnoringCase("no such table")
                    .doesNotContain("sqlite");
        }
    }

    @Test
    void shouldRefuseARunNameLongerThanMlflowsTagLimit() throws Exception {
        try (TrackingServer server = start()) {
            Http.Answer answer = new Http(server.uri())
                    .postJson(
                            "/api/2.0/mlflow/runs/create",
                            "{\"experiment_id\": \"0\", \"run_name\": \"" + "n".repeat(1_000_000) + "\"}");
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.json().get("message").asText()).contains("exceeds the maximum of 8000");
        }
    }

    @Test
    void shouldRefuseTrailingContentAfterTheJsonBody() throws Exception {
        try (TrackingServer server = start()) {
            Http.Answer answer = new Http(server.uri())
                    .postJson("/api/2.0/mlflow/experiments/create", "{\"name\": \"trailing\"} garbage");
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.json().get("error_code").asText()).isEqualTo("INVALID_PARAMETER_VALUE");
        }
    }

    // Reads the status line and headers, and as much of the body as came with them.
    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            seen.write(buffer, 0, n);
            String text = seen.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            if (end >= 0 && text.indexOf('}', end) >= 0) {
                return text;
            }
        }
        return seen.toString(StandardCharsets.UTF_8);
    }
}
