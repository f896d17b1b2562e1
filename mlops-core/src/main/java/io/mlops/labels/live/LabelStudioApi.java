package io.mlops.labels.live;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.error.UserError;
import io.mlops.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The read-only part of Label Studio's REST API the pull needs, over {@code java.net.http}: a
 * project, its JSON export and the files its tasks name. It signs requests with the user's token
 * (exchanging a personal access token for access tokens as they expire) and sends that token only to
 * the server's own origin. Redirects are not followed, so an answer cannot lead it, or the token,
 * elsewhere.
 */
public final class LabelStudioApi implements AutoCloseable {
    private static final Duration CONNECT = Duration.ofSeconds(30);
    private static final Duration ANSWER = Duration.ofMinutes(10);
    /** An access token is renewed this long before it expires, so that none expires in flight. */
    private static final Duration MARGIN = Duration.ofSeconds(30);

    private final URI server;
    private final LabelStudioToken token;
    private final HttpClient client;
    private String access;
    private Instant accessExpires = Instant.MIN;

    /**
     * Connects (lazily) to a server.
     *
     * @param server the server's base URL, e.g. {@code http://localhost:8080}
     * @param token the user's API token
     */
    public LabelStudioApi(URI server, LabelStudioToken token) {
        this.server = server;
        this.token = token;
        this.client = HttpClient.newBuilder()
                .connectTimeout(CONNECT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * The server's base URL.
     *
     * @return the URL
     */
    public URI server() {
        return server;
    }

    /**
     * A project's settings ({@code GET /api/projects/{id}}).
     *
     * @param project the project id
     * @return the project, with at least {@code id} and {@code title}
     * @throws UserError when the token is refused or the project does not exist
     */
    public JsonNode project(long project) {
        URI uri = server.resolve("/api/projects/" + project);
        HttpResponse<InputStream> answer = get(uri, true);
        try (InputStream body = answer.body()) {
            if (answer.statusCode() == 404) {
                throw new UserError("Label Studio at " + server + " has no project " + project
                        + " (or the token's user may not see it)");
            }
            expectOk(answer, "project " + project);
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            throw unreachable("project " + project, e);
        }
    }

    /**
     * Writes a project's export in Label Studio's JSON format ({@code GET
     * /api/projects/{id}/export?exportType=JSON}) to a file, streamed: tasks that were annotated,
     * each with its data, annotations and predictions.
     *
     * @param project the project id
     * @param file the file to write
     * @throws UserError when the server refuses or the file cannot be written
     */
    public void export(long project, Path file) {
        URI uri = server.resolve("/api/projects/" + project + "/export?exportType=JSON");
        HttpResponse<InputStream> answer = get(uri, true);
        try (InputStream body = answer.body()) {
            expectOk(answer, "the export of project " + project);
            Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw unreachable("the export of project " + project, e);
        }
    }

    /**
     * Downloads a file a task names.
     *
     * @param source where it is, and whether the token goes with the request
     * @param file where to write it
     * @param task the task that names it, for messages
     * @return the bytes written
     * @throws UserError when the download fails
     */
    long download(ImageSource source, Path file, long task) {
        String what = "task " + task + ": image " + source.display();
        HttpResponse<InputStream> answer;
        try {
            answer = get(source.uri(), source.signed());
        } catch (UserError e) {
            throw new UserError(what + ": " + e.getMessage(), e);
        }
        try (InputStream body = answer.body()) {
            int status = answer.statusCode();
            if (status / 100 == 3) {
                throw new UserError(what + " answered a redirect (HTTP " + status
                        + "), which is not followed; name the image's final URL in the task");
            }
            if (status != 200) {
                throw new UserError(what + " answered HTTP " + status);
            }
            return Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UserError(what + " cannot be downloaded: " + e.getMessage(), e);
        }
    }

    private HttpResponse<InputStream> get(URI uri, boolean signed) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri).timeout(ANSWER).GET();
        if (signed) {
            request.header("Authorization", authorization());
        }
        return send(request.build(), uri);
    }

    /** The Authorization header, after a fresh access token for a personal access token if needed. */
    private synchronized String authorization() {
        if (!token.personal()) {
            return "Token " + token.secret();
        }
        if (access == null || Instant.now().plus(MARGIN).isAfter(accessExpires)) {
            refresh();
        }
        return "Bearer " + access;
    }

    /** Exchanges the personal access token (a refresh token) for an access token, as the SDK does. */
    private void refresh() {
        URI uri = server.resolve("/api/token/refresh/");
        String body;
        try {
            body = Json.mapper().writeValueAsString(Map.of("refresh", token.secret()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(ANSWER)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        HttpResponse<InputStream> answer = send(request, uri);
        try (InputStream in = answer.body()) {
            expectOk(answer, "the personal access token's exchange");
            JsonNode tokens = Json.mapper().readTree(in);
            String fresh = tokens.path("access").asText("");
            if (fresh.isEmpty()) {
                throw new UserError("Label Studio at " + server
                        + " gave no access token for the personal access token; is it a Label Studio server?");
            }
            access = fresh;
            accessExpires = LabelStudioToken.expiry(fresh).orElse(Instant.MAX);
        } catch (IOException e) {
            throw unreachable("the personal access token's exchange", e);
        }
    }

    private HttpResponse<InputStream> send(HttpRequest request, URI uri) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            String origin = uri.getScheme() + "://" + uri.getRawAuthority();
            String where = server.toString().startsWith(origin) ? "Label Studio at " + server : origin;
            throw new UserError(
                    "cannot reach " + where + " (" + describe(uri) + "): "
                            + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while talking to Label Studio at " + server, e);
        }
    }

    private void expectOk(HttpResponse<InputStream> answer, String what) {
        int status = answer.statusCode();
        if (status == 401 || status == 403) {
            throw new UserError("Label Studio at " + server + " refused the API token (HTTP " + status + ") for "
                    + what + ": check the token (Account & Settings » Access Token / Personal Access Token)"
                    + (token.personal() ? "" : " and that legacy tokens are enabled on the server"));
        }
        if (status != 200) {
            throw new UserError("Label Studio at " + server + " answered HTTP " + status + " for " + what);
        }
    }

    private UserError unreachable(String what, IOException e) {
        return new UserError("cannot read " + what + " from Label Studio at " + server + ": " + e.getMessage(), e);
    }

    private static String describe(URI uri) {
        return uri.getRawPath() == null ? "" : uri.getRawPath();
    }

    @Override
    public void close() {
        client.close();
    }
}
