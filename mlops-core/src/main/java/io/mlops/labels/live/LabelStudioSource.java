package io.mlops.labels.live;

import io.mlops.error.UserError;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A Label Studio project to pull: the server, the project id, and the hosts other than the server's
 * that task images may be downloaded from. Holds no secret, so it may be logged and sent to an agent.
 *
 * @param url the server's base URL, e.g. {@code http://localhost:8080}
 * @param project the project id
 * @param allowedHosts other hosts ({@code host} or {@code host:port}) images may come from; empty for
 *     the server's host only
 */
public record LabelStudioSource(String url, long project, List<String> allowedHosts) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Validates the source. */
    public LabelStudioSource {
        Objects.requireNonNull(url, "url");
        URI parsed = parse(url);
        url = parsed.toString();
        if (project <= 0) {
            throw new UserError("a Label Studio project id is a positive number, got " + project);
        }
        allowedHosts = allowedHosts == null
                ? List.of()
                : allowedHosts.stream()
                        .map(host -> host.strip().toLowerCase(Locale.ROOT))
                        .filter(host -> !host.isEmpty())
                        .toList();
    }

    /**
     * The server's base URL.
     *
     * @return the URL, without a trailing slash
     */
    public URI server() {
        return parse(url);
    }

    private static URI parse(String text) {
        String value = text.strip();
        while (value.endsWith("/")) {
            value = value.substring(0, value.length() - 1);
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new UserError("the Label Studio URL '" + text + "' is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new UserError("the Label Studio URL '" + text
                    + "' must be an http(s) URL with a host, e.g. http://localhost:8080");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new UserError("the Label Studio URL '" + uri.getScheme() + "://" + uri.getHost()
                    + "...' must carry no user, query or fragment; give the token separately");
        }
        return uri;
    }

    @Override
    public String toString() {
        return url + " project " + project;
    }
}
