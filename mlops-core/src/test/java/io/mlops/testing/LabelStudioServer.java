package io.mlops.testing;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real Label Studio server for tests: the {@code label-studio} package from the venv {@code
 * bin/setup-python} makes for it ({@code $MLOPS_VENV-labelstudio}, or {@code $MLOPS_LABELSTUDIO_VENV}),
 * on SQLite in a fresh data directory, on a free loopback port.
 *
 * <p>It starts with one user, {@link #EMAIL}, whose legacy API token is {@link #TOKEN}
 * ({@code Authorization: Token ...}); a personal access token (Label Studio's default today) can be made
 * with it through {@code POST /api/token/}. SSRF protection is off so that Label Studio may call the
 * loopback services the tests start (ML backends, webhook receivers, image hosts). Starting takes a
 * while (its database migrations): start one server per test class.
 */
public final class LabelStudioServer implements AutoCloseable {
    /** The first user's e-mail (Label Studio's user name). */
    public static final String EMAIL = "tester@example.com";
    /** The first user's password. */
    public static final String PASSWORD = "tester-password";
    /** The first user's legacy API token. */
    public static final String TOKEN = "0123456789abcdef0123456789abcdef01234567";

    private static final Duration START_LIMIT = Duration.ofMinutes(6);

    private final Process process;
    private final URI url;
    private final Path log;

    private LabelStudioServer(Process process, URI url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    /**
     * Starts a server and waits until it answers {@code /health}.
     *
     * @param dataDir an empty directory for its database, media and log
     * @return the running server
     * @throws IOException when it cannot start
     */
    public static LabelStudioServer start(Path dataDir) throws IOException {
        Path program = venv().resolve("bin").resolve("label-studio");
        if (!Files.isExecutable(program)) {
            String reason = "label-studio is not at " + program
                    + "; run bin/setup-python (it installs it) or set MLOPS_LABELSTUDIO_VENV";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(reason);
            }
            assumeTrue(false, reason);
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path data = Files.createDirectories(dataDir);
        Path log = data.resolve("label-studio.log");
        ProcessBuilder builder = new ProcessBuilder(
                        program.toString(),
                        "start",
                        "--no-browser",
                        "--internal-host",
                        "127.0.0.1",
                        "--port",
                        Integer.toString(port),
                        "--data-dir",
                        data.toString(),
                        "--username",
                        EMAIL,
                        "--password",
                        PASSWORD,
                        "--user-token",
                        TOKEN)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("LABEL_STUDIO_BASE_DATA_DIR", data.toString());
        builder.environment().put("LABEL_STUDIO_ENABLE_LEGACY_API_TOKEN", "true");
        builder.environment().put("SSRF_PROTECTION_ENABLED", "false");
        // the ML backend connection has its own switch (ML_BLOCK_LOCAL_IP), on by default
        builder.environment().put("ML_BLOCK_LOCAL_IP", "false");
        builder.environment().put("LABEL_STUDIO_HOST", "http://127.0.0.1:" + port);
        builder.environment().put("SENTRY_DSN", "");
        builder.environment().put("COLLECT_ANALYTICS", "false");
        builder.environment().remove("HOST");
        Process process = builder.start();
        process.getOutputStream().close();
        LabelStudioServer server = new LabelStudioServer(process, URI.create("http://127.0.0.1:" + port), log);
        server.awaitHealthy();
        return server;
    }

    private static Path venv() {
        String configured = System.getenv("MLOPS_LABELSTUDIO_VENV");
        return configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(Peers.venv() + "-labelstudio");
    }

    private void awaitHealthy() throws IOException {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        try (HttpClient client = HttpClient.newHttpClient()) {
            HttpRequest health = HttpRequest.newBuilder(url.resolve("/health"))
                    .timeout(Duration.ofSeconds(10))
                    .build();
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IOException("label-studio exited with " + process.exitValue() + ": " + tail());
                }
                try {
                    if (client.send(health, HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                process.waitFor(500, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new IOException("interrupted while label-studio starts", e);
        }
        close();
        throw new IOException("label-studio did not answer /health within " + START_LIMIT + ": " + tail());
    }

    /**
     * The server's base URL.
     *
     * @return e.g. {@code http://127.0.0.1:40123}
     */
    public URI url() {
        return url;
    }

    /**
     * The last lines the server wrote, for failure messages.
     *
     * @return up to 4000 characters of its log
     */
    public String tail() {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            return text.substring(Math.max(0, text.length() - 4000));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the server and its children. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
