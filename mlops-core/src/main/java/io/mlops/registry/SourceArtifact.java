package io.mlops.registry;

import java.io.Serializable;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where a model version's bytes came from and what they were: a file path or a run artifact
 * ({@code runs:/<run id>/<path>}), with the SHA-256 of its content and its size.
 *
 * @param uri the file path or run artifact URI
 * @param sha256 64 lowercase hex digits
 * @param sizeBytes the size in bytes
 */
public record SourceArtifact(String uri, String sha256, long sizeBytes) implements Serializable {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    /** Validates the source. */
    public SourceArtifact {
        Objects.requireNonNull(uri, "uri");
        if (uri.isBlank()) {
            throw new IllegalArgumentException("a source artifact needs a location");
        }
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a SHA-256 digest: " + sha256);
        }
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("negative size: " + sizeBytes);
        }
    }

    /**
     * Whether the bytes are a run's artifact rather than a file.
     *
     * @return true for a {@code runs:/} URI
     */
    public boolean isRunArtifact() {
        return uri.startsWith("runs:/");
    }
}
