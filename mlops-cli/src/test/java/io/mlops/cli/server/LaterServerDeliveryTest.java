package io.mlops.cli.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.mlops.cli.Main;
import io.mlops.registry.webhook.WebhookDispatcher;
import io.mlops.registry.webhook.WebhookSignature;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A change made by an {@code mlops registry} command, with no server running, is delivered to its
 * webhook by the {@code mlops server} started afterwards on the same store.
 */
class LaterServerDeliveryTest {
    private static final String SECRET = "webhook-secret-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Map<String, String> environment =
            new HashMap<>(Map.of("USER", "alice", "MLOPS_WEBHOOK_SECRET", SECRET));

    private int mlops(String... arguments) {
        String[] all = new String[arguments.length + 2];
        all[0] = "--home";
        all[1] = directory.resolve("home").toString();
        System.arraycopy(arguments, 0, all, 2, arguments.length);
        return Main.run(all, new PrintWriter(out, true), new PrintWriter(err, true), environment);
    }

    private void awaitStarted() throws InterruptedException {
        for (int i = 0; i < 600 && !err.toString().contains("tracking API at "); i++) {
            Thread.sleep(50);
        }
        assertThat(err.toString()).contains("tracking API at ");
    }

    /** A request as the receiver got it. */
    private record Received(String event, String timestamp, String signature, byte[] body) {}

    @Test
    void shouldDeliverACommandLineChangeWhenAServerStartsLater() throws Exception {
        BlockingQueue<Received> received = new LinkedBlockingQueue<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                received.add(new Received(
                        exchange.getRequestHeaders().getFirst(WebhookDispatcher.EVENT),
                        exchange.getRequestHeaders().getFirst(WebhookDispatcher.TIMESTAMP),
                        exchange.getRequestHeaders().getFirst(WebhookDispatcher.SIGNATURE),
                        in.readAllBytes()));
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        String store = "sqlite:" + directory.resolve("registry.db");
        Path model = Files.writeString(directory.resolve("model.onnx"), "model bytes");
        AtomicInteger status = new AtomicInteger(-1);
        Thread server = new Thread(() ->
                status.set(mlops("server", "--port", "0", "--store", store, "--webhook-allow-hosts", "127.0.0.1")));
        try {
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            for (List<String> command : List.of(
                    List.of("registry", "webhook", "add", url, "--event", "ALIAS_MOVED", "--store", store),
                    List.of("registry", "register", "persons", "--file", model.toString(), "--store", store),
                    List.of("registry", "register", "persons", "--file", model.toString(), "--store", store),
                    List.of(
                            "registry",
                            "alias",
                            "persons",
                            "production",
                            "2",
                            "--reason",
                            "better",
                            "--store",
                            store))) {
                assertThat(mlops(command.toArray(String[]::new)))
                        .as(err.toString())
                        .isZero();
            }
            assertThat(received).as("no dispatcher has run yet").isEmpty();

            server.start();
            Received request = received.poll(60, TimeUnit.SECONDS);

            assertThat(request)
                    .as("delivered by the server started later: " + err)
                    .isNotNull();
            assertThat(request.event()).isEqualTo("ALIAS_MOVED");
            assertThat(WebhookSignature.verify(SECRET, request.timestamp(), request.body(), request.signature()))
                    .isTrue();
            JsonNode body = JSON.readTree(request.body());
            assertThat(body.at("/alias/to").asInt()).isEqualTo(2);
            assertThat(body.get("actor").asText()).isEqualTo("alice");
            assertThat(body.get("reason").asText()).isEqualTo("better");
            // The dispatcher starts before Jetty: stop the server only once it is up, as users do.
            awaitStarted();
        } finally {
            server.interrupt();
            server.join(30_000);
            receiver.stop(0);
        }
        assertThat(status.get()).isZero();
        assertThat(received).as("sent once").isEmpty();
        assertThat(mlops("registry", "webhook", "deliveries", "1", "--store", store))
                .as(err.toString())
                .isZero();
        assertThat(Pattern.compile("DELIVERED")
                        .matcher(out.toString())
                        .results()
                        .count())
                .isEqualTo(1);
    }
}
