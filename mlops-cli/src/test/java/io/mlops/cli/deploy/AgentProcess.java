package io.mlops.cli.deploy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real inference agent ({@code io.mlops.agent.AgentMain}), started as its own process on a
 * free loopback port with this test's class path, exactly as {@code bin/inference-agent} would.
 */
final class AgentProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final int port;

    private AgentProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /**
     * Starts an agent and waits until it answers.
     *
     * @param repository its model repository
     * @param tokenFile its admin token file
     * @param log where its output goes
     * @param options more options of the agent's command line
     * @return the running agent
     */
    static AgentProcess start(Path repository, Path tokenFile, Path log, String... options) throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "io.mlops.agent.AgentMain",
                "--repository",
                repository.toString(),
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--admin-token-file",
                tokenFile.toString()));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        AgentProcess agent = new AgentProcess(process, log, port);
        agent.awaitLive();
        return agent;
    }

    /** The agent's base URL. */
    String url() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitLive() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the agent exited with " + process.exitValue() + ":\n" + output());
            }
            try {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(URI.create(url() + "/v2/health/live"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(100);
        }
        close();
        throw new IllegalStateException("the agent did not answer in 60 s:\n" + output());
    }

    /** What the agent printed, for failure messages. */
    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** {@code kill -9}: the agent gets no chance to save or clean up anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
