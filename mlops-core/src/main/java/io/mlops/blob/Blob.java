package io.mlops.blob;

import java.io.Serializable;
import java.util.Objects;

/**
 * A stored blob: its content address and its length.
 *
 * @param id the SHA-256 of the bytes
 * @param size the number of bytes
 */
public record Blob(BlobId id, long size) implements Serializable {
    /** Validates the blob. */
    public Blob {
        Objects.requireNonNull(id, "id");
        if (size < 0) {
            throw new IllegalArgumentException("negative blob size: " + size);
        }
    }
}
