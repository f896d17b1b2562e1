package io.mlops.data;

import io.mlops.error.UserError;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Resolves relative paths taken from input (manifests, pointer files) without leaving a root. */
public final class ContainedPath {
    // compiled once: label validation checks every image path of a dataset, 100,000 or more
    private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");
    private static final Pattern SEPARATORS = Pattern.compile("[/\\\\]");

    private ContainedPath() {}

    /**
     * Resolves a relative path under a root, refusing anything that would land outside it.
     *
     * @param root the directory the path must stay in
     * @param relative a path from input, with forward slashes
     * @param source where the path came from, for the error message
     * @return the resolved, normalized path inside the root
     * @throws UserError when the path is absolute, contains {@code ..}, or otherwise escapes
     */
    public static Path check(Path root, String relative, String source) {
        if (relative.isEmpty()
                || relative.startsWith("/")
                || relative.startsWith("\\")
                || DRIVE.matcher(relative).matches()
                || relative.indexOf('\0') >= 0) {
            throw new UserError(
                    source + ": path '" + relative + "' is absolute or empty; refusing to write outside " + root);
        }
        for (String part : SEPARATORS.split(relative)) {
            if (part.equals("..")) {
                throw new UserError(source + ": path '" + relative + "' escapes " + root + " with '..'");
            }
        }
        Path base = root.toAbsolutePath().normalize();
        try {
            Path resolved = base.resolve(relative).normalize();
            if (!resolved.startsWith(base) || resolved.equals(base)) {
                throw new UserError(source + ": path '" + relative + "' escapes " + root);
            }
            return resolved;
        } catch (InvalidPathException e) {
            throw new UserError(source + ": invalid path '" + relative + "': " + e.getMessage(), e);
        }
    }
}
