package io.mlops.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.cli.Main;
import io.mlops.objectstore.S3Clients;
import io.mlops.testing.MotoExtension;
import io.mlops.testing.MotoServer;
import io.mlops.testing.Peers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code mlops server --artifacts s3://bucket/prefix} as users start it (its own JVM, S3 settings from
 * the AWS environment variables) against a real S3-compatible server (moto): the stock MLflow client,
 * given no S3 settings at all, logs and loads artifacts and models through the server's proxied
 * artifacts API while the bytes land in the bucket; a cut-off upload leaves nothing; a bucket the
 * server cannot use stops it at start with one clear line.
 */
class S3ArtifactsAcceptanceTest {
    @RegisterExtension
    static final MotoExtension S3 = new MotoExtension();

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("tracking API at (http://\\S+?)/? ");
    private static final AtomicInteger BUCKETS = new AtomicInteger();

    @TempDir
    Path directory;

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Process> servers = new ArrayList<>();
    private S3Client s3;
    private String bucket;

    @BeforeEach
    void createBucket() {
        bucket = "server-artifacts-" + BUCKETS.incrementAndGet();
        S3.server().createBucket(bucket);
        s3 = S3Clients.open(S3.server().settings(), 2);
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (Process server : servers) {
            server.destroy();
            server.waitFor();
        }
        s3.close();
    }

    @Test
    void shouldKeepTheMlflowClientsArtifactsAndModelsInTheBucket() throws Exception {
        URI base = start("s3://" + bucket + "/team/mlflow");
        Path script = PythonClient.script(directory, "s3_artifacts.py");
        Map<String, String> client = PythonClient.environment(base);
        // The client never talks to S3: it has no endpoint and no key.
        client.keySet().removeIf(key -> key.startsWith("AWS_"));
        String notes = "notes kept in S3\n";

        PythonClient.Outcome outcome = PythonClient.run(script, client, "iris", notes);

        assertThat(outcome.exitCode()).as(outcome.stderr()).isZero();
        JsonNode readback = outcome.readback();
        assertThat(readback.get("same_predictions").asBoolean()).isTrue();
        assertThat(readback.get("notes").asText()).isEqualTo(notes);
        assertThat(readback.get("artifact_uri").asText()).startsWith("mlflow-artifacts:/");
        List<String> keys = keys();
        assertThat(keys)
                .as("every object is a blob under the prefix")
                .allMatch(key -> key.matches("team/mlflow/sha256/[0-9a-f]{2}/[0-9a-f]{62}"));
        assertThat(keys).contains(blobKey("team/mlflow", notes.getBytes(StandardCharsets.UTF_8)));
        // the model directory: MLmodel, the pickle, the environment files, and the notes
        assertThat(keys).hasSizeGreaterThanOrEqualTo(5);
        assertThat(directory.resolve("home/artifacts")).doesNotExist();
        assertThat(files(directory.resolve("home/uploads"))).isZero();
    }

    @Test
    void shouldLeaveNothingInTheBucketWhenAnUploadIsCutOff() throws Exception {
        URI base = start("s3://" + bucket + "/cut");
        String runId = post(base, "runs/create", "{\"experiment_id\": \"0\"}")
                .at("/run/info/run_id")
                .asText();
        String path = "/api/2.0/mlflow-artifacts/artifacts/0/" + runId + "/artifacts/model.bin";

        // A client that announces 8 MiB, sends 3 MiB and is killed.
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT " + path + " HTTP/1.1\r\nHost: " + base.getAuthority() + "\r\nContent-Length: " + (8 << 20)
                            + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] block = new byte[1 << 20];
            for (int i = 0; i < 3; i++) {
                out.write(block);
            }
            out.flush();
        }
        awaitAccessLogLine("PUT " + path + " ");

        assertThat(keys()).as("no object in the bucket").isEmpty();
        assertThat(s3.listMultipartUploads(request -> request.bucket(bucket)).uploads())
                .isEmpty();
        assertThat(files(directory.resolve("home/uploads")))
                .as("no spooled upload left")
                .isZero();
        JsonNode listed = get(base + "/api/2.0/mlflow/artifacts/list?run_id=" + runId);
        assertThat(listed.has("files")).as(listed.toString()).isFalse();
    }

    @Test
    void shouldStreamAFileLargerThanTheServersHeapThroughTheBucket() throws Exception {
        // The local store's case is 1 GiB through a 256 MiB heap (LargeModelDirectoryTest); here 320 MiB,
        // still more than the heap, keeps the run short on a shared machine with moto in Python.
        long size = 320L << 20;
        URI base = start("s3://" + bucket + "/large", "-Xmx256m");
        String runId = post(base, "runs/create", "{\"experiment_id\": \"0\"}")
                .at("/run/info/run_id")
                .asText();
        String uri = base + "/api/2.0/mlflow-artifacts/artifacts/0/" + runId + "/artifacts/weights.bin";
        MessageDigest sent = MessageDigest.getInstance("SHA-256");

        HttpResponse<String> upload = http.send(
                HttpRequest.newBuilder(URI.create(uri))
                        .PUT(HttpRequest.BodyPublishers.fromPublisher(
                                HttpRequest.BodyPublishers.ofInputStream(
                                        () -> new DigestInputStream(generated(size), sent)),
                                size))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
        String hex = HexFormat.of().formatHex(sent.digest());
        String key = "large/sha256/" + hex.substring(0, 2) + "/" + hex.substring(2);
        assertThat(s3.headObject(request -> request.bucket(bucket).key(key)).contentLength())
                .isEqualTo(size);
        HttpResponse<InputStream> download =
                http.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(download.statusCode()).isEqualTo(200);
        MessageDigest received = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(download.body(), received)) {
            assertThat(in.transferTo(OutputStream.nullOutputStream())).isEqualTo(size);
        }
        assertThat(HexFormat.of().formatHex(received.digest())).isEqualTo(hex);
        assertThat(servers.getFirst().isAlive()).isTrue();
    }

    /** Seeded pseudo-random bytes, generated as they are read. */
    private static InputStream generated(long size) {
        Random random = new Random(42);
        return new InputStream() {
            private final byte[] block = new byte[64 * 1024];
            private long left = size;

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

    @Test
    void shouldRefuseToStartOnAMissingBucketWithOneClearLine() throws Exception {
        Process server = process("s3://no-such-artifact-bucket/p", S3.server().environment());

        String output = new String(server.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(server.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(server.exitValue()).as(output).isNotZero();
        assertThat(output)
                .contains("s3://no-such-artifact-bucket/p: listing the artifact store failed: bucket"
                        + " 'no-such-artifact-bucket' does not exist")
                .doesNotContain("\tat ", "Exception");
    }

    @Test
    void shouldRefuseToStartWithWrongCredentialsWithOneClearLine() throws Exception {
        // A second moto that checks every request's key against its (empty) IAM: the test key is unknown
        // to it, as a wrong key is to AWS.
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        ProcessBuilder checking = new ProcessBuilder(
                        Peers.program("moto_server").toString(), "-H", "127.0.0.1", "-p", Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("moto-auth.log").toFile());
        checking.environment().put("INITIAL_NO_AUTH_ACTION_COUNT", "0");
        Process moto = checking.start();
        servers.add(moto);
        awaitListening(port);
        Map<String, String> environment = new java.util.HashMap<>(S3.server().environment());
        environment.put("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:" + port);
        Process server = process("s3://" + bucket + "/p", environment);

        String output = new String(server.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(server.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(server.exitValue()).as(output).isNotZero();
        assertThat(output)
                .contains("s3://" + bucket + "/p: listing the artifact store refused (InvalidAccessKeyId): check the"
                        + " access key and secret")
                .doesNotContain("\tat ", MotoServer.SECRET_KEY);
    }

    @Test
    void shouldRefuseToStartOnAnUnreachableEndpointWithOneClearLine() throws Exception {
        Map<String, String> environment = new java.util.HashMap<>(S3.server().environment());
        environment.put("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9");
        Process server = process("s3://" + bucket, environment);

        String output = new String(server.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(server.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(server.exitValue()).as(output).isNotZero();
        assertThat(output)
                .contains("s3://" + bucket + ": listing the artifact store failed: ")
                .doesNotContain("\tat ");
    }

    private URI start(String artifacts, String... jvmOptions) throws IOException {
        Process server = process(artifacts, S3.server().environment(), jvmOptions);
        BufferedReader lines =
                new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            seen.append(line).append('\n');
            Matcher matcher = LISTENING.matcher(line);
            if (matcher.find()) {
                assertThat(line).contains("artifacts " + artifacts);
                Thread drain = new Thread(() -> lines.lines().forEach(ignored -> {}));
                drain.setDaemon(true);
                drain.start();
                return URI.create(matcher.group(1));
            }
        }
        throw new AssertionError("mlops server ended before it listened:\n" + seen);
    }

    private Process process(String artifacts, Map<String, String> environment, String... jvmOptions)
            throws IOException {
        List<String> java = new ArrayList<>();
        java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        java.addAll(List.of(jvmOptions));
        ProcessBuilder command = new ProcessBuilder(Stream.concat(
                                java.stream(),
                                Stream.of(
                                        "-cp",
                                        System.getProperty("java.class.path"),
                                        Main.class.getName(),
                                        "--home",
                                        directory.resolve("home").toString(),
                                        "server",
                                        "--port",
                                        "0",
                                        "--artifacts",
                                        artifacts,
                                        "--access-log",
                                        directory.resolve("access.log").toString()))
                        .toList())
                .redirectErrorStream(true);
        command.environment().keySet().removeIf(key -> key.startsWith("MLFLOW_") || key.startsWith("AWS_"));
        command.environment().putAll(environment);
        Process server = command.start();
        server.getOutputStream().close();
        servers.add(server);
        return server;
    }

    private void awaitAccessLogLine(String prefix) throws Exception {
        Path log = directory.resolve("access.log");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readAllLines(log).stream().anyMatch(line -> line.contains(prefix))) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        throw new AssertionError("the server never logged the end of " + prefix);
    }

    private static void awaitListening(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("moto_server did not listen on " + port, notYet);
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
    }

    private List<String> keys() {
        return s3.listObjectsV2Paginator(request -> request.bucket(bucket)).contents().stream()
                .map(S3Object::key)
                .toList();
    }

    private static String blobKey(String prefix, byte[] content) throws Exception {
        String hex =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        return prefix + "/sha256/" + hex.substring(0, 2) + "/" + hex.substring(2);
    }

    private static long files(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile).count();
        }
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
}
