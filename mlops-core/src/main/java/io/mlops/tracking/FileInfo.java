package io.mlops.tracking;

import java.io.Serializable;
import java.util.Objects;

/**
 * One entry of an artifact listing.
 *
 * @param path the entry's path, relative to the listed directory's parent as MLflow lists it
 * @param directory whether it is a directory
 * @param size the file's size in bytes, or null for a directory
 */
public record FileInfo(String path, boolean directory, Long size) implements Serializable {
    /** Validates the entry. */
    public FileInfo {
        Objects.requireNonNull(path, "path");
        if (directory && size != null) {
            throw new IllegalArgumentException("a directory has no size: " + path);
        }
    }
}
