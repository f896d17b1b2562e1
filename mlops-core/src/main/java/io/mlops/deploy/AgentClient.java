package io.mlops.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlops.error.UserError;
import io.mlops.progress.ProgressListener;
import io.mlops.protocol.admin.ModelStatus;
import io.mlops.protocol.admin.SwitchRequest;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Talks to one inference agent: its admin API (upload, switch, rollback, status) and its V2
 * inference endpoint. The admin token goes in every request's header and nowhere else.
 */
public final class AgentClient {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Loading a large model onto a GPU (TensorRT builds its engine) can take minutes. */
    private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(30);

    private static final Duration CALL_TIMEOUT = Duration.ofMinutes(2);

    private final URI base;
    private final String token;
    private final String inferenceToken;
    private final HttpClient http;

    /**
     * Creates a client.
     *
     * @param agentUrl the agent's base URL, e.g. {@code http://gpu-1:8000}
     * @param token the admin token
     * @throws UserError when the URL is no http(s) URL or the token is empty
     */
    public AgentClient(String agentUrl, String token) {
        this(agentUrl, token, null);
    }

    /**
     * Creates a client for an agent whose V2 endpoints need their own token.
     *
     * @param agentUrl the agent's base URL, e.g. {@code http://gpu-1:8000}
     * @param token the admin token
     * @param inferenceToken the token of the V2 endpoints, or null when they take the admin token or none
     * @throws UserError when the URL is no http(s) URL or the admin token is empty
     */
    public AgentClient(String agentUrl, String token, String inferenceToken) {
        this.base = baseUri(agentUrl);
        if (token == null || token.isBlank()) {
            throw new UserError("the agent's admin token is empty");
        }
        this.token = token.strip();
        this.inferenceToken = inferenceToken == null || inferenceToken.isBlank() ? this.token : inferenceToken.strip();
        this.http = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    static URI baseUri(String agentUrl) {
        URI uri;
        try {
            uri = URI.create(agentUrl == null ? "" : agentUrl.strip());
        } catch (IllegalArgumentException e) {
            throw new UserError("'" + agentUrl + "' is no agent URL: " + e.getMessage(), e);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
            throw new UserError("'" + agentUrl + "' is no agent URL; write e.g. http://gpu-1:8000");
        }
        String text = uri.toString();
        return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    /**
     * The agent's base URL.
     *
     * @return without a trailing slash
     */
    public URI base() {
        return base;
    }

    /**
     * The agent's V2 server metadata ({@code GET /v2}): its name, version, extensions and, from
     * agents that report it, its {@code mlops} object (loaded backends and hardware).
     *
     * @return the JSON answer
     */
    public JsonNode serverMetadata() {
        HttpRequest.Builder get =
                HttpRequest.newBuilder(URI.create(base + "/v2")).header("Authorization", "Bearer " + inferenceToken);
        return send(get.GET(), CALL_TIMEOUT, "read its server metadata");
    }

    /**
     * The status of a model on the agent.
     *
     * @param model the model
     * @return its status, or empty when the agent does not hold it
     */
    public Optional<ModelStatus> status(String model) {
        try {
            return Optional.of(
                    readStatus(send(request(admin(model)).GET(), CALL_TIMEOUT, "read the status of " + model)));
        } catch (AgentError e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Uploads a bundle as a version and waits until the agent has loaded and warmed it up.
     *
     * @param model the model
     * @param version the version number
     * @param backend the serving backend
     * @param device the device, or null for the backend's default
     * @param bundle the bundle zip
     * @param progress told about the upload
     * @return the model's status once the version is loaded
     * @throws AgentError when the agent refuses the bundle (it keeps serving what it served)
     */
    public ModelStatus putVersion(
            String model, int version, String backend, String device, Path bundle, ProgressListener progress) {
        long size;
        try {
            size = Files.size(bundle);
        } catch (IOException e) {
            throw new UserError("cannot read the bundle " + bundle + ": " + e.getMessage(), e);
        }
        String query = "?backend=" + encode(backend) + (device == null ? "" : "&device=" + encode(device));
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> counting(bundle, progress)), size);
        progress.begin("uploading " + model + " v" + version + " to " + base, 1, size);
        try {
            HttpRequest.Builder put = request(admin(model) + "/versions/" + version + query)
                    .header("Content-Type", "application/zip")
                    .PUT(body);
            return readStatus(send(put, LOAD_TIMEOUT, "load " + model + " v" + version));
        } finally {
            progress.advance(1, 0);
            progress.end();
        }
    }

    /**
     * Routes traffic to a loaded version, fully or as a canary, and starts the agent's watch.
     *
     * @param model the model
     * @param version the version
     * @param canaryPercent its share of requests, 100 for a full switch
     * @param watchSeconds how long the agent watches its error rate
     * @param maxErrorRate the error rate above which the agent rolls back
     * @return the status right after the switch
     */
    public ModelStatus switchTo(String model, int version, int canaryPercent, int watchSeconds, double maxErrorRate) {
        ObjectNode body = V2Json.MAPPER.valueToTree(
                new SwitchRequest(Integer.toString(version), canaryPercent, watchSeconds, maxErrorRate));
        return readStatus(send(post(admin(model) + "/switch", body), CALL_TIMEOUT, "switch " + model));
    }

    /**
     * Puts the version that served before back into service.
     *
     * @param model the model
     * @param reason why, for the agent's record
     * @return the status after the rollback
     */
    public ModelStatus rollback(String model, String reason) {
        ObjectNode body = V2Json.MAPPER.createObjectNode();
        body.put("reason", reason);
        return readStatus(send(post(admin(model) + "/rollback", body), CALL_TIMEOUT, "roll back " + model));
    }

    /**
     * Removes a version that does not serve traffic.
     *
     * @param model the model
     * @param version the version
     */
    public void unload(String model, int version) {
        send(request(admin(model) + "/versions/" + version).DELETE(), CALL_TIMEOUT, "unload " + model + " v" + version);
    }

    /**
     * Runs inference on one version explicitly, whatever the routing says.
     *
     * @param model the model
     * @param version the version
     * @param request a V2 JSON infer request
     * @return the V2 JSON response
     */
    public JsonNode infer(String model, int version, ObjectNode request) {
        String url = base + "/v2/models/" + encode(model) + "/versions/" + version + "/infer";
        HttpRequest.Builder post = post(url, request).setHeader("Authorization", "Bearer " + inferenceToken);
        return send(post, CALL_TIMEOUT, "infer on " + model + " v" + version);
    }

    private String admin(String model) {
        return base + "/v2/admin/models/" + encode(model);
    }

    private HttpRequest.Builder request(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token);
    }

    private HttpRequest.Builder post(String url, ObjectNode body) {
        try {
            return request(url)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(V2Json.MAPPER.writeValueAsBytes(body)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private JsonNode send(HttpRequest.Builder builder, Duration timeout, String what) {
        HttpResponse<byte[]> response;
        try {
            response = http.send(builder.timeout(timeout).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.net.http.HttpTimeoutException e) {
            throw new UserError(
                    "the agent at " + base + " did not answer in " + timeout.toSeconds() + " s when asked to " + what,
                    e);
        } catch (IOException e) {
            throw new UserError("cannot reach the agent at " + base + " to " + what + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while asking the agent at " + base + " to " + what, e);
        }
        int status = response.statusCode();
        JsonNode body = parse(response.body());
        if (status == 401 || status == 403) {
            boolean admin = builder.build().uri().getPath().startsWith("/v2/admin/");
            throw new AgentError(
                    status,
                    "the agent at " + base + " refused the " + (admin ? "admin" : "inference")
                            + " token (HTTP " + status + ") when asked to " + what + "; check the "
                            + (admin
                                    ? "admin token file"
                                    : "inference token file (the agent's --inference-token-file)"));
        }
        if (status / 100 != 2) {
            String error = body != null && body.hasNonNull("error")
                    ? body.get("error").asText()
                    : new String(response.body(), StandardCharsets.UTF_8).strip();
            throw new AgentError(
                    status,
                    "the agent at " + base + " could not " + what + " (HTTP " + status + "): "
                            + (error.isEmpty() ? "no reason given" : error));
        }
        if (body == null) {
            throw new UserError("the agent at " + base + " answered no JSON when asked to " + what);
        }
        return body;
    }

    private static JsonNode parse(byte[] body) {
        try {
            return body.length == 0 ? null : V2Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        if (message == null && e.getCause() != null) {
            message = e.getCause().toString();
        }
        return message == null ? e.getClass().getSimpleName() : message;
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static InputStream counting(Path file, ProgressListener progress) {
        try {
            return new FilterInputStream(Files.newInputStream(file)) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, len);
                    if (n > 0) {
                        progress.advance(0, n);
                    }
                    return n;
                }
            };
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Reads the admin API's status object with the protocol's record, as the agent wrote it. */
    private static ModelStatus readStatus(JsonNode json) {
        try {
            return V2Json.MAPPER.treeToValue(json, ModelStatus.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new UserError("the agent answered a status this version of mlops cannot read: " + e.getMessage(), e);
        }
    }
}
