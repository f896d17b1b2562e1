package io.mlops.tracking;

import io.mlops.text.PythonJson;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Formats values the way MLflow's Python server writes them into error messages ({@code repr},
 * {@code json.dumps}, {@code str(float)}) and normalizes names as {@code posixpath.normpath}
 * does, so that our messages read exactly like MLflow's.
 */
final class PythonText {
    private PythonText() {}

    /**
     * Python's {@code repr} of a string.
     *
     * @param text the string
     * @return e.g. {@code 'abc'}, or {@code "it's"}
     */
    static String repr(String text) {
        char quote = text.indexOf('\'') >= 0 && text.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder().append(quote);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c == quote) {
                        out.append('\\');
                    }
                    out.append(c);
                }
            }
        }
        return out.append(quote).toString();
    }

    /**
     * Python's {@code json.dumps} of a string (ASCII only, as its default).
     *
     * @param text the string, or null
     * @return e.g. {@code "caf\u00e9"}, or {@code null}
     */
    static String jsonDumps(String text) {
        return PythonJson.dumps(text);
    }

    /**
     * Python's {@code str} of a float, for the common cases.
     *
     * @param value the number
     * @return e.g. {@code 1.0}, {@code nan}, {@code inf}
     */
    static String str(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        return Double.toString(value);
    }

    /**
     * Python's {@code posixpath.normpath}.
     *
     * @param path a slash-separated path
     * @return the normalized path, {@code .} for an empty one
     */
    static String normpath(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        int initialSlashes = path.startsWith("/") ? 1 : 0;
        // POSIX keeps exactly two leading slashes; three or more count as one.
        if (path.startsWith("//") && !path.startsWith("///")) {
            initialSlashes = 2;
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (!part.equals("..")
                    || (initialSlashes == 0 && parts.isEmpty())
                    || (!parts.isEmpty() && parts.peekLast().equals(".."))) {
                parts.addLast(part);
            } else if (!parts.isEmpty()) {
                parts.removeLast();
            }
        }
        String joined = "/".repeat(initialSlashes) + String.join("/", parts);
        return joined.isEmpty() ? "." : joined;
    }
}
