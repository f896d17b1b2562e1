package io.mlops.agent.labeling;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the agent may download task images from for pre-annotation: one Label Studio server and the
 * API token to use there. Images are fetched only from this server's scheme, host and port.
 *
 * @param url the Label Studio server's base URL, e.g. {@code http://label-studio:8080}
 * @param token its API token: a legacy token (sent as {@code Authorization: Token ...}) or a personal
 *     access token (a JWT refresh token, exchanged at {@code /api/token/refresh} as label-studio-sdk
 *     does)
 * @param maxImageBytes the largest image downloaded
 * @param maxPixels the most pixels an image may have once decoded
 */
public record LabelStudioAccess(URI url, String token, long maxImageBytes, long maxPixels) {
    /** The default size limit of one downloaded image. */
    public static final long DEFAULT_MAX_IMAGE_BYTES = 32L * 1024 * 1024;

    /** The default pixel limit of one decoded image (about 64 megapixels). */
    public static final long DEFAULT_MAX_PIXELS = 64L * 1024 * 1024;

    /** Validates the settings. */
    public LabelStudioAccess {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(token, "token");
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new IllegalArgumentException("the Label Studio URL must be http(s)://host[:port], not " + url);
        }
        if (token.isBlank()) {
            throw new IllegalArgumentException("the Label Studio API token is empty");
        }
        if (maxImageBytes < 1 || maxPixels < 1) {
            throw new IllegalArgumentException("image limits must be positive");
        }
    }

    /**
     * Access with the default image limits.
     *
     * @param url the Label Studio server's base URL
     * @param token its API token
     */
    public LabelStudioAccess(URI url, String token) {
        this(url, token, DEFAULT_MAX_IMAGE_BYTES, DEFAULT_MAX_PIXELS);
    }

    /**
     * Whether the token is a personal access token (a JWT: three dot-separated parts) rather than a
     * legacy token.
     *
     * @return true for a personal access token
     */
    public boolean personalAccessToken() {
        return token.strip().split("\\.", -1).length == 3;
    }

    // never print the token
    @Override
    public String toString() {
        return "LabelStudioAccess[url=" + url + ", token=***, maxImageBytes=" + maxImageBytes + ", maxPixels="
                + maxPixels + "]";
    }
}
