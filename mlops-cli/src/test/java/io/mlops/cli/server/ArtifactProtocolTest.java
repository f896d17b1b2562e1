package io.mlops.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.store.Database;
import io.mlops.store.Migrations;
import io.mlops.tracking.NewRun;
import io.mlops.tracking.Run;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MLflow's proxied artifact API: upload, list, download, and the paths and uploads it refuses. */
class ArtifactProtocolTest {
    private static final String ARTIFACTS = "/api/2.0/mlflow-artifacts/artifacts";

    @TempDir
    Path directory;

    private final AtomicInteger finishedUploads = new AtomicInteger();
    private TrackingServer server;
    private Http http;
    private Run run;
    private String root;

    @BeforeEach
    void start() throws IOException {
        Filter uploadsFinished = (request, response, chain) -> {
            try {
                chain.doFilter(request, response);
            } finally {
                if (((HttpServletRequest) request).getMethod().equals("PUT")) {
                    finishedUploads.incrementAndGet();
                }
            }
        };
        server = TrackingServer.start(
                Database.sqlite(directory.resolve("mlops.db"), Migrations.suite()),
                directory.resolve("artifacts"),
                uploadsFinished);
        http = new Http(server.uri());
        run = server.store().createRun(new NewRun("0", "alice", 1, null, List.of()));
        root = "0/" + run.id() + "/artifacts";
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void shouldFindARunsArtifactsOnlyUnderItsOwnExperiment() {
        http.put(ARTIFACTS + "/" + root + "/notes.txt", bytes("hello\n"));
        String other = server.store().createExperiment("other", List.of());
        String elsewhere = other + "/" + run.id() + "/artifacts";

        assertThat(http.get(ARTIFACTS + "/" + root + "/notes.txt").status()).isEqualTo(200);
        Http.Answer wrong = http.get(ARTIFACTS + "/" + elsewhere + "/notes.txt");
        assertThat(wrong.status()).isEqualTo(404);
        assertThat(wrong.json().get("error_code").asText()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
        assertThat(http.get(ARTIFACTS + "?path=" + elsewhere).json().has("files"))
                .isFalse();
        assertThat(http.get(ARTIFACTS + "/9" + root.substring(1) + "/notes.txt").status())
                .isEqualTo(404);
    }

    @Test
    void shouldUploadListAndDownloadRunArtifacts() {
        Http.Answer upload = http.put(ARTIFACTS + "/" + root + "/model/config.json", bytes("{\"layers\": 3}"));
        http.put(ARTIFACTS + "/" + root + "/notes.txt", bytes("hello\n"));

        assertThat(upload.status()).isEqualTo(200);
        assertThat(upload.text()).isEmpty();
        JsonNode listing = http.get(ARTIFACTS + "?path=" + root).json();
        assertThat(listing.get("files").findValuesAsText("path")).containsExactly("model", "notes.txt");
        assertThat(listing.at("/files/0/is_dir").asBoolean()).isTrue();
        assertThat(listing.at("/files/0/file_size").isMissingNode()).isTrue();
        assertThat(listing.at("/files/1/file_size").longValue()).isEqualTo(6);
        assertThat(http.get(ARTIFACTS + "?path=" + root + "/model")
                        .json()
                        .at("/files/0/path")
                        .asText())
                .isEqualTo("config.json");
        Http.Answer download = http.get(ARTIFACTS + "/" + root + "/model/config.json");
        assertThat(download.text()).isEqualTo("{\"layers\": 3}");
        assertThat(download.response().headers().firstValue("Content-Type")).contains("application/json");
        assertThat(download.response().headers().firstValue("Content-Disposition"))
                .contains("attachment; filename=\"config.json\"; filename*=UTF-8''config.json");
        assertThat(server.store().artifacts(run.id(), "")).hasSize(2);
    }

    @Test
    void shouldListAFileOrAnEmptyDirectoryAsEmpty() {
        http.put(ARTIFACTS + "/" + root + "/notes.txt", bytes("hello\n"));

        assertThat(http.get(ARTIFACTS + "?path=" + root + "/notes.txt").text()).isEqualTo("{}");
        assertThat(http.get(ARTIFACTS + "?path=" + root + "/nothing").text()).isEqualTo("{}");
    }

    @Test
    void shouldReportMissingArtifactsAndDirectories() {
        http.put(ARTIFACTS + "/" + root + "/model/config.json", bytes("{}"));

        Http.Answer missing = http.get(ARTIFACTS + "/" + root + "/missing.txt");
        Http.Answer directoryDownload = http.get(ARTIFACTS + "/" + root + "/model");

        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("message").asText()).isEqualTo("No such artifact: '" + root + "/missing.txt'");
        assertThat(directoryDownload.status()).isEqualTo(400);
        assertThat(directoryDownload.json().get("message").asText())
                .isEqualTo("Artifact path refers to a directory, not a file: '" + root + "/model'");
    }

    @Test
    void shouldRefusePathsThatEscapeTheRunsRoot() throws IOException {
        List<String> escapes = List.of(
                root + "/../../x.txt",
                root + "/sub/../../../x.txt",
                "/etc/cron.d/x",
                root + "/%2e%2e/%2e%2e/x.txt",
                root + "/%252e%252e/%252e%252e/x.txt",
                root + "/%2E%2E%2F%2E%2E%2Fx.txt",
                root + "/..%5c..%5cx.txt",
                root + "/./x.txt",
                "C:/Windows/x.txt");

        for (String escape : escapes) {
            Http.Answer upload = http.put(ARTIFACTS + "/" + escape, bytes("owned"));
            assertThat(upload.status()).as(escape).isEqualTo(400);
            assertThat(upload.json().get("message").asText()).as(escape).isEqualTo("Invalid path");
            assertThat(http.get(ARTIFACTS + "/" + escape).status()).as(escape).isEqualTo(400);
        }
        assertThat(http.get(ARTIFACTS + "?path=" + root + "/..")
                        .json()
                        .get("message")
                        .asText())
                .isEqualTo("Invalid path");
        assertThat(server.store().artifacts(run.id(), "")).isEmpty();
        assertThat(blobFiles()).isZero();
    }

    @Test
    void shouldRefuseUploadsOutsideAKnownRun() {
        Http.Answer unknownRun =
                http.put(ARTIFACTS + "/0/0123456789abcdef0123456789abcdef/artifacts/x.txt", bytes("x"));
        Http.Answer wrongExperiment = http.put(ARTIFACTS + "/7/" + run.id() + "/artifacts/x.txt", bytes("x"));
        Http.Answer notARun = http.put(ARTIFACTS + "/0/models/m-1/x.txt", bytes("x"));

        assertThat(unknownRun.status()).isEqualTo(404);
        assertThat(unknownRun.json().get("error_code").asText()).isEqualTo("RESOURCE_DOES_NOT_EXIST");
        assertThat(wrongExperiment.status()).isEqualTo(404);
        assertThat(notARun.status()).isEqualTo(400);
    }

    @Test
    void shouldShowNothingOfAnUploadCutOffByAKilledClient() throws Exception {
        byte[] sent = new byte[256 * 1024];
        try (Socket socket = new Socket(server.uri().getHost(), server.uri().getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT " + ARTIFACTS + "/" + root + "/model.bin HTTP/1.1\r\n" + "Host: localhost\r\n"
                            + "Content-Type: application/octet-stream\r\n" + "Content-Length: 10000000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(sent);
            out.flush();
            // The client dies here: the connection closes after a fortieth of the declared bytes.
        }

        long deadline = System.nanoTime() + 10_000_000_000L;
        while (finishedUploads.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(finishedUploads.get())
                .as("the server finished handling the cut-off upload")
                .isEqualTo(1);
        assertThat(directory.resolve("artifacts/tmp")).isEmptyDirectory();
        assertThat(blobFiles()).isZero();
        assertThat(server.store().artifacts(run.id(), "")).isEmpty();
        assertThat(http.get(ARTIFACTS + "/" + root + "/model.bin").status()).isEqualTo(404);
        assertThat(http.get(ARTIFACTS + "?path=" + root).text()).isEqualTo("{}");
    }

    private long blobFiles() throws IOException {
        try (Stream<Path> files = Files.walk(directory.resolve("artifacts/sha256"))) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
