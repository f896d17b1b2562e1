package io.mlops.agent.labeling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.error.UserError;
import io.mlops.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;

/**
 * Downloads a task's image from the one Label Studio server the agent is configured for, with its API
 * token: a legacy token goes as {@code Authorization: Token ...}; a personal access token (a JWT
 * refresh token) is exchanged at {@code /api/token/refresh/} for a short-lived access token sent as
 * {@code Bearer}, as label-studio-sdk does. URLs off that server (another scheme, host or port) are
 * refused before any request, and an image larger than the limit is refused while it is read. The
 * token appears in no message.
 */
public final class LabelStudioImages {
    private static final ObjectMapper JSON = Json.mapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final LabelStudioAccess access;
    private final HttpClient client;
    private final Object tokenLock = new Object();
    private String accessToken;
    private Instant accessExpires = Instant.EPOCH;

    /**
     * Creates the downloader.
     *
     * @param access the server, token and limits
     */
    public LabelStudioImages(LabelStudioAccess access) {
        this.access = Objects.requireNonNull(access, "access");
        // no redirects: a redirect could lead off the Label Studio host with the token
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * The limits and server this downloader works with.
     *
     * @return the access settings
     */
    public LabelStudioAccess access() {
        return access;
    }

    /**
     * Resolves an image reference from task data against the Label Studio server and checks it stays
     * there.
     *
     * @param reference e.g. {@code /data/upload/3/abc.png} or a full URL on the Label Studio host
     * @param what names the image in messages
     * @return the absolute URL
     * @throws UserError when the reference is not a URL on the Label Studio server
     */
    public URI resolve(String reference, String what) {
        URI url;
        try {
            url = access.url().resolve(new URI(reference.strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new UserError(what + " is not a URL: '" + shorten(reference) + "'");
        }
        if (!sameServer(url)) {
            throw new UserError(what + " is at " + url.getScheme() + "://" + url.getHost()
                    + (url.getPort() < 0 ? "" : ":" + url.getPort())
                    + ", not on the Label Studio server the agent is configured for (" + origin(access.url())
                    + "); the agent downloads task images from that server only");
        }
        return url;
    }

    /**
     * Downloads an image.
     *
     * @param reference the image's URL or path from task data
     * @param what names the image in messages
     * @return its bytes
     * @throws UserError when it is off the server, missing, refused or too large
     */
    public byte[] download(String reference, String what) {
        URI url = resolve(reference, what);
        HttpResponse<InputStream> response = get(url, what, false);
        if (response.statusCode() == 401 && access.personalAccessToken()) {
            close(response);
            response = get(url, what, true); // the access token may have expired early
        }
        int status = response.statusCode();
        if (status != 200) {
            close(response);
            throw new UserError("Label Studio answered HTTP " + status + " for " + what + " (" + url.getRawPath() + ")"
                    + (status == 401 || status == 403 ? "; check the agent's Label Studio API token" : ""));
        }
        long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        if (declared > access.maxImageBytes()) {
            close(response);
            throw tooLarge(what);
        }
        try (InputStream in = response.body()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, access.maxImageBytes() + 1));
            if (bytes.length > access.maxImageBytes()) {
                throw tooLarge(what);
            }
            return bytes;
        } catch (IOException e) {
            throw new UserError("cannot download " + what + " from Label Studio: "
                    + e.getClass().getSimpleName());
        }
    }

    private HttpResponse<InputStream> get(URI url, String what, boolean renew) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(TIMEOUT)
                .header("Authorization", authorization(renew))
                .GET()
                .build();
        return send(request, HttpResponse.BodyHandlers.ofInputStream(), what);
    }

    private String authorization(boolean renew) {
        if (!access.personalAccessToken()) {
            return "Token " + access.token().strip();
        }
        synchronized (tokenLock) {
            if (renew || accessToken == null || Instant.now().isAfter(accessExpires)) {
                refresh();
            }
            return "Bearer " + accessToken;
        }
    }

    private void refresh() {
        String body =
                JSON.createObjectNode().put("refresh", access.token().strip()).toString();
        HttpRequest request = HttpRequest.newBuilder(access.url().resolve("/api/token/refresh/"))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response =
                send(request, HttpResponse.BodyHandlers.ofString(), "the personal access token's refresh");
        JsonNode answer;
        try {
            answer = JSON.readTree(response.body());
        } catch (IOException e) {
            answer = null;
        }
        if (response.statusCode() != 200
                || answer == null
                || !answer.path("access").isTextual()) {
            throw new UserError("Label Studio refused the agent's personal access token (HTTP " + response.statusCode()
                    + " from /api/token/refresh/); give the agent a valid token");
        }
        accessToken = answer.path("access").asText();
        // renew a minute before the access token's own expiry; without one, refresh every five minutes
        accessExpires =
                expiry(accessToken).orElse(Instant.now().plusSeconds(360)).minusSeconds(60);
    }

    private static java.util.Optional<Instant> expiry(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            return java.util.Optional.empty();
        }
        try {
            JsonNode payload =
                    JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            return payload.path("exp").isNumber()
                    ? java.util.Optional.of(
                            Instant.ofEpochSecond(payload.path("exp").asLong()))
                    : java.util.Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler, String what) {
        try {
            return client.send(request, handler);
        } catch (IOException e) {
            throw new UserError("cannot reach Label Studio at " + origin(access.url()) + " for " + what + ": "
                    + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("interrupted while downloading " + what + " from Label Studio");
        }
    }

    private boolean sameServer(URI url) {
        URI base = access.url();
        return url.getScheme() != null
                && url.getHost() != null
                && url.getRawUserInfo() == null
                && url.getScheme().equalsIgnoreCase(base.getScheme())
                && url.getHost().toLowerCase(Locale.ROOT).equals(base.getHost().toLowerCase(Locale.ROOT))
                && port(url) == port(base);
    }

    private static int port(URI url) {
        return url.getPort() >= 0 ? url.getPort() : url.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    private static String origin(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }

    private UserError tooLarge(String what) {
        return new UserError(what + " is larger than the " + access.maxImageBytes() + " bytes the agent downloads");
    }

    private static void close(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // nothing to keep from a refused answer
        }
    }

    private static String shorten(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
