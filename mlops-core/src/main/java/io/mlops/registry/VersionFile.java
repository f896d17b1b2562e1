package io.mlops.registry;

import java.io.Serializable;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One file of a version that is an MLflow model directory: its path in the directory and the blob
 * (by SHA-256) that holds its bytes.
 *
 * @param path the relative path, with forward slashes
 * @param sha256 the content's SHA-256, the blob's name
 * @param size the size in bytes
 */
public record VersionFile(String path, String sha256, long size) implements Serializable {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** Validates the file. */
    public VersionFile {
        SourcePaths.check(Objects.requireNonNull(path, "path"), path);
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a SHA-256 digest: " + sha256);
        }
        if (size < 0) {
            throw new IllegalArgumentException("negative size: " + size);
        }
    }
}
