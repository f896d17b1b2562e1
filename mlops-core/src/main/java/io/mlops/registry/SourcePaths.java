package io.mlops.registry;

import io.mlops.error.UserError;

/**
 * The rule for paths inside a version's source (a run's or a logged model's artifacts): relative,
 * forward slashes, no {@code .} or {@code ..} segments, no empty segments, no control characters,
 * so that no source reaches outside the artifact root it names.
 */
final class SourcePaths {
    private SourcePaths() {}

    /**
     * Checks a relative path.
     *
     * @param path the path, empty for the root
     * @param source the source it came from, for the message
     * @return the path
     * @throws UserError when it could escape its root
     */
    static String check(String path, String source) {
        boolean bad = path.startsWith("/")
                || path.indexOf('\\') >= 0
                || path.chars().anyMatch(c -> c < 0x20 || c == 0x7f)
                || path.matches("^[A-Za-z]:.*");
        if (!bad && !path.isEmpty()) {
            for (String segment : path.split("/", -1)) {
                bad |= segment.isEmpty() || segment.equals(".") || segment.equals("..");
            }
        }
        if (bad) {
            throw new UserError("Invalid model version source '" + printable(source) + "': the path inside it must be"
                    + " relative, without '.', '..' or empty segments, backslashes or control characters");
        }
        return path;
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\x%02x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
