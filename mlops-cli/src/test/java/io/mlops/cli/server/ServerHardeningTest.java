package io.mlops.cli.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.mlops.cli.Main;
import io.mlops.jetty.SlowClients;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mlops server} as an attacker meets it: rebound Host names, cross-site writes, slow bodies. */
class ServerHardeningTest {
    @TempDir
    Path directory;

    private final StringWriter err = new StringWriter();

    /** Runs {@code mlops server} on a free loopback port, without token, until the test ends. */
    private void withServer(List<String> options, ServerTest test) throws Exception {
        List<String> arguments = new ArrayList<>(List.of(
                "--home",
                directory.resolve("home").toString(),
                "server",
                "--port",
                "0",
                "--store",
                "sqlite:" + directory.resolve("served.db")));
        arguments.addAll(options);
        AtomicInteger status = new AtomicInteger(-1);
        Thread server = new Thread(() -> status.set(Main.run(
                arguments.toArray(String[]::new),
                new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true),
                Map.of())));
        server.start();
        try {
            test.run(awaitStarted());
        } finally {
            server.interrupt();
            server.join(10_000);
        }
        assertThat(status.get()).isZero();
    }

    @FunctionalInterface
    private interface ServerTest {
        void run(URI uri) throws Exception;
    }

    @Test
    void shouldRefuseAHostNameItWasNotToldAboutAgainstDnsRebinding() throws Exception {
        withServer(List.of(), uri -> {
            String path = "/api/2.0/mlflow/experiments/get?experiment_id=0";
            String rebound = exchange(uri, "GET", path, "evil.example:" + uri.getPort(), null, null);
            assertThat(rebound)
                    .startsWith("HTTP/1.1 403")
                    .contains("DNS rebinding")
                    .contains("PERMISSION_DENIED");
            assertThat(exchange(uri, "GET", "/api/registry/v1/models", "evil.example", null, null))
                    .startsWith("HTTP/1.1 403");
            assertThat(exchange(uri, "GET", path, "127.0.0.1:" + uri.getPort(), null, null))
                    .startsWith("HTTP/1.1 200");
            assertThat(exchange(uri, "GET", path, "localhost:" + uri.getPort(), null, null))
                    .startsWith("HTTP/1.1 200");
        });
    }

    @Test
    void shouldAnswerTheHostNamesTheOperatorAllows() throws Exception {
        withServer(List.of("--allowed-hosts", "mlflow.example.com,*.corp.example"), uri -> {
            String path = "/api/2.0/mlflow/experiments/get?experiment_id=0";
            assertThat(exchange(uri, "GET", path, "mlflow.example.com", null, null))
                    .startsWith("HTTP/1.1 200");
            assertThat(exchange(uri, "GET", path, "tracking.corp.example:443", null, null))
                    .startsWith("HTTP/1.1 200");
            assertThat(exchange(uri, "GET", path, "evil.example", null, null)).startsWith("HTTP/1.1 403");
        });
    }

    @Test
    void shouldRefuseWritesFromAnotherSitesOrigin() throws Exception {
        withServer(List.of(), uri -> {
            String host = "127.0.0.1:" + uri.getPort();
            String path = "/api/2.0/mlflow/experiments/create";
            String crossSite = exchange(uri, "POST", path, host, "http://evil.example", "{\"name\": \"a\"}");
            assertThat(crossSite).startsWith("HTTP/1.1 403").contains("Cross-origin request blocked");
            assertThat(exchange(uri, "POST", path, host, "http://" + host, "{\"name\": \"same-origin\"}"))
                    .startsWith("HTTP/1.1 200");
            assertThat(exchange(uri, "POST", path, host, null, "{\"name\": \"no-origin\"}"))
                    .startsWith("HTTP/1.1 200");
            // Reads from another origin are the browser's to withhold (no CORS header is sent).
            assertThat(exchange(
                            uri,
                            "GET",
                            "/api/2.0/mlflow/experiments/get?experiment_id=0",
                            host,
                            "http://evil.example",
                            null))
                    .startsWith("HTTP/1.1 200")
                    .doesNotContainIgnoringCase("Access-Control-Allow-Origin");
        });
    }

    @Test
    void shouldServeANormalClientWhile200SlowBodiesAreOpen() throws Exception {
        withServer(List.of(), uri -> {
            String header = "POST /api/2.0/mlflow/experiments/create HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n";
            try (SlowClients slow = SlowClients.open(uri.getPort(), 200, header, 30)) {
                Http http = new Http(uri);
                // A hang detector: the slow bodies hold no thread, so these are answered at once;
                // without the guard not one of them is answered while the probe runs.
                assertTimeoutPreemptively(Duration.ofSeconds(15), () -> {
                    for (int i = 0; i < 6; i++) {
                        assertThat(http.postJson("/api/2.0/mlflow/experiments/create", "{\"name\": \"n" + i + "\"}")
                                        .status())
                                .isEqualTo(200);
                    }
                });
            }
        });
    }

    @Test
    void shouldCloseAConnectionWhoseHeaderNeverEnds() throws Exception {
        withServer(List.of("--request-timeout-s", "2"), uri -> {
            try (Socket socket = new Socket("127.0.0.1", uri.getPort())) {
                socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes());
                socket.getOutputStream().flush();
                // The server closes it within two header timeouts; the bound only detects a hang.
                int read = assertTimeoutPreemptively(
                        Duration.ofSeconds(20), () -> socket.getInputStream().read());
                assertThat(read).isEqualTo(-1);
            }
        });
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

    /** One request with exactly the Host and Origin given (the JDK client does not let a test set Host). */
    static String exchange(URI server, String method, String path, String host, String origin, String json)
            throws IOException {
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
            StringBuilder request = new StringBuilder()
                    .append(method)
                    .append(' ')
                    .append(path)
                    .append(" HTTP/1.1\r\nHost: ")
                    .append(host)
                    .append("\r\nConnection: close\r\n");
            if (origin != null) {
                request.append("Origin: ").append(origin).append("\r\n");
            }
            if (json != null) {
                request.append("Content-Type: application/json\r\nContent-Length: ")
                        .append(body.length)
                        .append("\r\n");
            }
            request.append("\r\n");
            socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
