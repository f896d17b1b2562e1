package io.mlops.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.cli.Main;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model directory of 1 GiB goes through {@code mlops server} in bounded memory: the server runs
 * in its own JVM with a 256 MiB heap, takes the upload of the run's artifacts, registers the
 * directory as a version and serves it back by the download URI the registry gives, byte for byte.
 * Buffering the file anywhere would exceed the heap and fail the calls.
 */
class LargeModelDirectoryTest {
    private static final long SIZE = 1L << 30;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("tracking API at (http://\\S+?)/? ");

    @TempDir
    Path directory;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldRegisterAndDownloadAGibibyteModelDirectoryWithA256MibHeap() throws Exception {
        ProcessBuilder command = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName(),
                        "--home",
                        directory.resolve("home").toString(),
                        "server",
                        "--port",
                        "0"))
                .redirectErrorStream(true);
        command.environment().keySet().removeIf(key -> key.startsWith("MLFLOW_"));
        Process server = command.start();
        try {
            URI base = URI.create(listeningAddress(server));
            String runId = post(base, "runs/create", "{\"experiment_id\": \"0\"}")
                    .at("/run/info/run_id")
                    .asText();
            String root = base + "/api/2.0/mlflow-artifacts/artifacts/0/" + runId + "/artifacts/model/";
            put(root + "MLmodel", HttpRequest.BodyPublishers.ofString("flavors: {}\n"));
            MessageDigest sent = MessageDigest.getInstance("SHA-256");
            put(
                    root + "weights.bin",
                    HttpRequest.BodyPublishers.fromPublisher(
                            HttpRequest.BodyPublishers.ofInputStream(() -> new DigestInputStream(generated(), sent)),
                            SIZE));
            post(base, "registered-models/create", "{\"name\": \"big\"}");
            JsonNode version = post(
                    base,
                    "model-versions/create",
                    "{\"name\": \"big\", \"source\": \"runs:/" + runId + "/model\", \"run_id\": \"" + runId + "\"}");
            assertThat(version.at("/model_version/run_id").asText()).isEqualTo(runId);
            String downloadUri = get(base + "/api/2.0/mlflow/model-versions/get-download-uri?name=big&version=1")
                    .get("artifact_uri")
                    .asText();
            assertThat(downloadUri).isEqualTo("mlflow-artifacts:/registry/Ymln/1");

            HttpResponse<InputStream> download = http.send(
                    HttpRequest.newBuilder(URI.create(
                                    base + "/api/2.0/mlflow-artifacts/artifacts/registry/Ymln/1/weights.bin"))
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(download.statusCode()).isEqualTo(200);
            MessageDigest received = MessageDigest.getInstance("SHA-256");
            long count;
            try (InputStream in = new DigestInputStream(download.body(), received)) {
                count = in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            assertThat(count).isEqualTo(SIZE);
            assertThat(HexFormat.of().formatHex(received.digest()))
                    .isEqualTo(HexFormat.of().formatHex(sent.digest()));
            assertThat(server.isAlive()).isTrue();
        } finally {
            server.destroy();
            server.waitFor();
        }
    }

    /** 1 GiB of seeded pseudo-random bytes, generated as it is read. */
    private static InputStream generated() {
        Random random = new Random(42);
        return new InputStream() {
            private final byte[] block = new byte[64 * 1024];
            private long left = SIZE;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (left == 0) {
                    return -1;
                }
                int n = (int) Math.min(Math.min(length, block.length), left);
                random.nextBytes(block);
                System.arraycopy(block, 0, buffer, offset, n);
                left -= n;
                return n;
            }
        };
    }

    private static String listeningAddress(Process server) throws IOException {
        BufferedReader lines =
                new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            seen.append(line).append('\n');
            Matcher matcher = LISTENING.matcher(line);
            if (matcher.find()) {
                Thread drain = new Thread(() -> lines.lines().forEach(ignored -> {}));
                drain.setDaemon(true);
                drain.start();
                return matcher.group(1);
            }
        }
        throw new AssertionError("mlops server ended before it listened:\n" + seen);
    }

    private JsonNode post(URI base, String endpoint, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(base + "/api/2.0/mlflow/" + endpoint))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode get(String uri) throws IOException, InterruptedException {
        HttpResponse<String> response =
                http.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private void put(String uri, HttpRequest.BodyPublisher body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(uri)).PUT(body).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
