package io.mlops.labels.live;

import io.mlops.data.ContainedPath;
import io.mlops.error.UserError;
import io.mlops.labels.format.ImageReference;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides where each task's image is downloaded from, and refuses what it must not fetch: a path
 * that leaves the pulled directory ({@code ..}, absolute paths: the checks every reader of the suite
 * applies), a URL on another host than the server's unless the user allowed that host, and schemes
 * other than http and https.
 *
 * <p>Label Studio names images as uploads ({@code /data/upload/3/5f1e2a-cat.jpg}), local files
 * ({@code /data/local-files/?d=images/cat.jpg}) or absolute URLs. Each is stored at the path the
 * Label Studio reader resolves the same reference to ({@link ImageReference#fileName}).
 */
final class ImageLocations {
    private static final Pattern SEGMENTS = Pattern.compile("[/\\\\]");

    private final URI server;
    private final Set<String> allowedHosts;
    private final Path root;
    private final String exportName;

    /**
     * Creates the rules for one pull.
     *
     * @param server the server's base URL
     * @param allowedHosts other hosts ({@code host} or {@code host:port}, lower case) images may come from
     * @param root the directory images are written under
     * @param exportName the export's file name in that directory, which no image may take
     */
    ImageLocations(URI server, Set<String> allowedHosts, Path root, String exportName) {
        this.server = server;
        this.allowedHosts = allowedHosts;
        this.root = root;
        this.exportName = exportName;
    }

    /**
     * Where a task's image comes from and goes.
     *
     * @param task the task id, for messages
     * @param reference the image reference in the task's data
     * @return the source
     * @throws UserError naming the task when the reference escapes, points off-host or cannot be fetched
     */
    ImageSource locate(long task, String reference) {
        String subject = "task " + task + ": image '" + reference + "'";
        String value = reference.strip();
        String path = ImageReference.fileName(value);
        try {
            ContainedPath.check(root, path, subject);
        } catch (UserError e) {
            throw new UserError(subject + " leaves the pulled directory (an absolute path or '..'); refusing it");
        }
        if (path.equals(exportName)) {
            throw new UserError(subject + " would overwrite the export " + exportName + "; refusing it");
        }
        URI uri = parse(value, subject);
        if (escapes(uri)) {
            throw new UserError(subject + " leaves its directory with '..'; refusing it");
        }
        if (uri.isAbsolute()) {
            return new ImageSource(checkHost(uri, subject), path, sameOrigin(uri), value);
        }
        String served = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!served.startsWith("/data/upload/") && !served.startsWith("/data/local-files")) {
            throw new UserError(subject + " is neither an upload (/data/upload/...), local files"
                    + " (/data/local-files/?d=...) nor an http(s) URL; the pull cannot download it");
        }
        return new ImageSource(server.resolve(uri), path, true, value);
    }

    private static URI parse(String value, String subject) {
        try {
            // uploads keep the name as typed, spaces included, which a URI must encode
            return new URI(value.replace(" ", "%20"));
        } catch (URISyntaxException e) {
            throw new UserError(subject + " is not a valid URL: " + e.getReason());
        }
    }

    private static boolean escapes(URI uri) {
        String path = uri.getRawPath() == null ? "" : URLDecoder.decode(uri.getRawPath(), StandardCharsets.UTF_8);
        String query = uri.getRawQuery() == null ? "" : URLDecoder.decode(uri.getRawQuery(), StandardCharsets.UTF_8);
        for (String text : new String[] {path, query.replaceFirst("^d=", "")}) {
            for (String segment : SEGMENTS.split(text)) {
                if (segment.equals("..")) {
                    return true;
                }
            }
        }
        return false;
    }

    private URI checkHost(URI uri, String subject) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new UserError(subject + " uses " + scheme + "://, which the pull does not download (only http and"
                    + " https; cloud storage: let Label Studio serve it, or download it yourself)");
        }
        if (uri.getRawUserInfo() != null || uri.getHost() == null) {
            throw new UserError(subject + " carries credentials or no host; refusing it");
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        if (!host.equals(server.getHost().toLowerCase(Locale.ROOT))
                && !allowedHosts.contains(host)
                && !allowedHosts.contains(host + ":" + port(uri))) {
            throw new UserError(subject + " is on host " + host + ", not on the Label Studio server's host "
                    + server.getHost() + "; refusing to fetch it (allow that host explicitly to download from it)");
        }
        return uri;
    }

    private boolean sameOrigin(URI uri) {
        return uri.getScheme().equalsIgnoreCase(server.getScheme())
                && uri.getHost().equalsIgnoreCase(server.getHost())
                && port(uri) == port(server);
    }

    private static int port(URI uri) {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
