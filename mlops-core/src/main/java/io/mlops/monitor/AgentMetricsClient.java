package io.mlops.monitor;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * Reads an inference agent's {@code /metrics}. The agent serves it without a token (it is meant for
 * Prometheus), so none is sent, and the deployment records, which keep no agent tokens, suffice.
 */
public final class AgentMetricsClient {
    private static final String V2_MODELS = "/v2/models/";

    private final HttpClient http;
    private final Duration timeout;

    /**
     * Creates a client.
     *
     * @param timeout how long one read may take, connecting included
     */
    public AgentMetricsClient(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * The agent a deployment's endpoint belongs to: {@code mlops deploy} records the model's V2 URL
     * ({@code http://agent:8080/v2/models/NAME}); anything else is taken as the agent's URL.
     *
     * @param endpoint the endpoint of a deployment record
     * @return the agent's base URL, without a trailing slash
     */
    public static String agentOf(String endpoint) {
        int at = endpoint.indexOf(V2_MODELS);
        String base = at < 0 ? endpoint : endpoint.substring(0, at);
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base;
    }

    /**
     * Reads and parses an agent's metrics.
     *
     * @param agent the agent's base URL
     * @return the parsed exposition
     * @throws IOException when the agent cannot be reached or answers other than 200
     * @throws InterruptedException when the thread is interrupted while waiting
     * @throws io.mlops.error.UserError when the answer is not Prometheus text
     */
    public PrometheusScrape read(String agent) throws IOException, InterruptedException {
        URI uri;
        try {
            uri = URI.create(agent + "/metrics");
        } catch (IllegalArgumentException e) {
            throw new IOException("not a URL: " + agent, e);
        }
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IOException(uri + " answered HTTP " + response.statusCode());
        }
        return PrometheusScrape.parse(response.body());
    }
}
