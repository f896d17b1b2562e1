package io.mlops.agent.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.mlops.jetty.SlowClients;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent as an attacker meets it: rebound Host names, cross-site writes, slow bodies. */
class AgentHardeningTest {
    @TempDir
    Path dir;

    private RunningAgent agent;

    @BeforeEach
    void start() throws Exception {
        agent = new RunningAgent(dir.resolve("repo"), 1_000_000, null);
    }

    @AfterEach
    void stop() throws Exception {
        agent.close();
    }

    @Test
    void shouldRefuseAHostNameItWasNotToldAboutAgainstDnsRebinding() throws Exception {
        int port = agent.agent.httpPort();
        String rebound = exchange(port, "GET", "/v2/health/ready", "evil.example:" + port, null, null);
        assertThat(rebound).startsWith("HTTP/1.1 403").contains("DNS rebinding").contains("\"error\"");
        assertThat(exchange(port, "GET", "/v2/models/m", "evil.example", null, null))
                .startsWith("HTTP/1.1 403");
        assertThat(exchange(port, "GET", "/v2/health/live", "127.0.0.1:" + port, null, null))
                .startsWith("HTTP/1.1 200");
        assertThat(exchange(port, "GET", "/v2/health/live", "localhost:" + port, null, null))
                .startsWith("HTTP/1.1 200");
    }

    @Test
    void shouldRefuseWritesFromAnotherSitesOrigin() throws Exception {
        int port = agent.agent.httpPort();
        String host = "127.0.0.1:" + port;
        String body = RunningAgent.linearRequest(1);
        assertThat(exchange(port, "POST", "/v2/models/m/infer", host, "https://evil.example", body))
                .startsWith("HTTP/1.1 403")
                .contains("Cross-origin request blocked");
        // From the agent's own origin (its demo page) the request reaches the endpoint: no such model.
        assertThat(exchange(port, "POST", "/v2/models/m/infer", host, "http://" + host, body))
                .startsWith("HTTP/1.1 404");
    }

    @Test
    void shouldServeANormalClientWhile200SlowBodiesAreOpen() throws Exception {
        String header = "POST /v2/models/m/infer HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n";
        try (SlowClients slow = SlowClients.open(agent.agent.httpPort(), 200, header, 30)) {
            // A hang detector: the slow bodies hold no thread, so these are answered at once; without
            // the guard not one of them is answered while the probe runs.
            assertTimeoutPreemptively(Duration.ofSeconds(15), () -> {
                for (int i = 0; i < 6; i++) {
                    assertThat(agent.get("/v2/health/live").statusCode()).isEqualTo(200);
                }
            });
        }
    }

    /** One request with exactly the Host and Origin given (the JDK client does not let a test set Host). */
    private static String exchange(int port, String method, String path, String host, String origin, String json)
            throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
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
