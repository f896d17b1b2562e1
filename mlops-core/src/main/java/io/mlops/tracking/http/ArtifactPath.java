package io.mlops.tracking.http;

import io.mlops.tracking.TrackingError;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A path in the proxied artifact store, taken from a request and checked before use: decoded as
 * MLflow decodes it, until it stops changing (so {@code %252e%252e} cannot hide {@code ..}), a
 * {@code %} that starts no escape kept as part of the name, then refused when it is
 * absolute, has a drive letter, backslashes, {@code #}, control characters, or {@code .} or
 * {@code ..} segments. Valid run paths are {@code <experiment id>/<run id>/artifacts[/<file>]}.
 *
 * @param experimentId the experiment's id
 * @param runId the run's id
 * @param file the path under the run's artifact root, empty for the root itself
 */
record ArtifactPath(String experimentId, String runId, String file) {
    private static final Pattern EXPERIMENT_ID = Pattern.compile("\\d{1,19}");
    private static final Pattern RUN_ID = Pattern.compile("[a-zA-Z0-9][\\w\\-]{0,255}");
    private static final int MAX_DECODES = 10;

    /**
     * Checks a raw path: the URL tail after {@code /mlflow-artifacts/artifacts/}, or the
     * {@code path} query parameter of a listing.
     *
     * @param raw the path as received, possibly percent-encoded
     * @return the safe, decoded path, without leading or trailing slashes
     * @throws TrackingError INVALID_PARAMETER_VALUE "Invalid path" for anything unsafe
     */
    static String safe(String raw) {
        String path = raw;
        for (int i = 0; ; i++) {
            String decoded = unquote(path);
            if (decoded.equals(path)) {
                break;
            }
            if (i == MAX_DECODES) {
                throw invalid();
            }
            path = decoded;
        }
        if (path.startsWith("/")
                || path.indexOf('\\') >= 0
                || path.indexOf('#') >= 0
                || path.matches("^[A-Za-z]:.*")
                || path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw invalid();
        }
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals("..") || segment.equals(".") || (segment.isEmpty() && !path.isEmpty())) {
                throw invalid();
            }
        }
        return path;
    }

    /**
     * Reads a safe path as a run artifact path.
     *
     * @param path a path from {@link #safe}
     * @return the run artifact path, or null when the path is not inside a run's artifact root
     */
    static ArtifactPath ofRun(String path) {
        List<String> segments = List.of(path.split("/", 4));
        if (segments.size() < 3
                || !EXPERIMENT_ID.matcher(segments.get(0)).matches()
                || !RUN_ID.matcher(segments.get(1)).matches()
                || !segments.get(2).equals("artifacts")) {
            return null;
        }
        return new ArtifactPath(segments.get(0), segments.get(1), segments.size() == 4 ? segments.get(3) : "");
    }

    /**
     * Percent-decodes as Python's {@code urllib.parse.unquote} does, which MLflow's server uses: a
     * {@code %} that starts no valid escape stays as it is (so {@code 100%.txt} is a name), and
     * {@code +} stays a plus.
     */
    static String unquote(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && hex(text.charAt(i + 1)) >= 0 && hex(text.charAt(i + 2)) >= 0) {
                bytes.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
                i += 3;
                continue;
            }
            if (bytes.size() > 0) {
                out.append(bytes.toString(StandardCharsets.UTF_8));
                bytes.reset();
            }
            out.append(c);
            i++;
        }
        if (bytes.size() > 0) {
            out.append(bytes.toString(StandardCharsets.UTF_8));
        }
        return out.toString();
    }

    private static int hex(char c) {
        return Character.digit(c, 16);
    }

    private static TrackingError invalid() {
        return TrackingError.invalid("Invalid path");
    }
}
