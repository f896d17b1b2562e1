package io.mlops.agent.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The real agent ({@code io.mlops.agent.AgentMain}) as a child process on a free loopback port,
 * with this test's class path, so a test can {@code kill -9} it ({@link #kill()}) and start another
 * on the same repository.
 */
final class AgentProcess implements AutoCloseable {
    static final String ADMIN_TOKEN = RunningAgent.ADMIN_TOKEN;

    private final Process process;
    private final Path log;
    private final int port;
    private final HttpClient client = HttpClient.newHttpClient();

    private AgentProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts an agent and waits until it reports ready (its repository restored).
     *
     * @param repository its model repository
     * @param dir where its token file and log go
     * @return the running agent
     */
    static AgentProcess start(Path repository, Path dir) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path token = Files.writeString(dir.resolve("admin-token"), ADMIN_TOKEN + "\n");
        Path log = Files.createTempFile(dir, "agent-", ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                "io.mlops.agent.AgentMain",
                "--repository",
                repository.toString(),
                "--port",
                Integer.toString(port),
                "--admin-token-file",
                token.toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        AgentProcess agent = new AgentProcess(process, log, port);
        agent.awaitReady();
        return agent;
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the agent exited with " + process.exitValue() + ":\n" + output());
            }
            if (output().contains("inference-agent: ready")) {
                return;
            }
            process.waitFor(50, TimeUnit.MILLISECONDS);
        }
        kill();
        throw new IllegalStateException("the agent was not ready in 120 s:\n" + output());
    }

    /** Starts an agent expecting it to refuse to start; returns what it printed. */
    static String startRefused(Path repository, Path dir) throws Exception {
        try (AgentProcess agent = start(repository, dir)) {
            throw new AssertionError("the agent started:\n" + agent.output());
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    /** What the agent printed. */
    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    int port() {
        return port;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    HttpResponse<String> admin(String method, String path, String json) throws Exception {
        return client.send(
                adminRequest(
                        method,
                        path,
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest adminRequest(String method, String path, HttpRequest.BodyPublisher body) {
        return HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + ADMIN_TOKEN)
                .header("Content-Type", "application/json")
                .method(method, body)
                .build();
    }

    /** Uploads a bundle as a version, without waiting for the answer. */
    CompletableFuture<HttpResponse<String>> uploadAsync(String model, String version, byte[] bundle) {
        return client.sendAsync(
                adminRequest(
                        "PUT",
                        "/v2/admin/models/" + model + "/versions/" + version + "?backend=onnxruntime&device=cpu",
                        HttpRequest.BodyPublishers.ofByteArray(bundle)),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Uploads a bundle as a version and expects it READY. */
    void upload(String model, String version, byte[] bundle) throws Exception {
        HttpResponse<String> answer = uploadAsync(model, version, bundle).get(120, TimeUnit.SECONDS);
        if (answer.statusCode() != 200) {
            throw new AssertionError("upload of " + model + " v" + version + ": " + answer.body());
        }
    }

    /** Sends traffic to a version; {@code json} is the switch request's body. */
    void switchTo(String model, String json) throws Exception {
        HttpResponse<String> answer = admin("POST", "/v2/admin/models/" + model + "/switch", json);
        if (answer.statusCode() != 200) {
            throw new AssertionError("switch of " + model + " with " + json + ": " + answer.body());
        }
    }

    /** A model's admin status. */
    JsonNode status(String model) throws Exception {
        HttpResponse<String> answer = admin("GET", "/v2/admin/models/" + model, null);
        if (answer.statusCode() != 200) {
            throw new AssertionError("status of " + model + ": " + answer.statusCode() + " " + answer.body());
        }
        return RunningAgent.JSON.readTree(answer.body());
    }

    /** Runs an inference that names no version. */
    HttpResponse<String> infer(String model, String body) throws Exception {
        return client.send(
                HttpRequest.newBuilder(uri("/v2/models/" + model + "/infer"))
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** {@code kill -9}: the process gets no chance to save or clean up anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** A clean stop (SIGTERM): requests in progress finish, then the process exits. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            kill();
        }
    }
}
