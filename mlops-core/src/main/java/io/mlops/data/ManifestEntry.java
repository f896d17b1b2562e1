package io.mlops.data;

import java.io.Serializable;
import java.util.Objects;

/**
 * One file of a snapshot.
 *
 * @param path the path relative to the snapshot root, with forward slashes
 * @param md5 the MD5 of the file's bytes, 32 lowercase hex digits
 * @param size the size in bytes, or -1 when a foreign manifest did not say
 */
public record ManifestEntry(String path, String md5, long size) implements Serializable {
    /** Validates the entry. */
    public ManifestEntry {
        Objects.requireNonNull(path, "path");
        if (path.isEmpty()) {
            throw new IllegalArgumentException("a manifest entry needs a path");
        }
        new ObjectId(md5, false);
        if (size < -1) {
            throw new IllegalArgumentException("negative size for " + path + ": " + size);
        }
    }

    /**
     * The cache object that holds this file's bytes.
     *
     * @return the file object id
     */
    public ObjectId objectId() {
        return new ObjectId(md5, false);
    }
}
