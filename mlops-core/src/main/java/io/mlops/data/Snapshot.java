package io.mlops.data;

import io.mlops.git.GitState;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An immutable record of exactly which files some data consisted of.
 *
 * <p>The id is the content's MD5 (the DVC object id without {@code .dir}): the same data always
 * has the same id, wherever and whenever it is snapshotted.
 *
 * @param id the snapshot id, 32 hex digits
 * @param objectId the DVC object id ({@code .dir} for a directory)
 * @param directory whether a directory was snapshotted
 * @param sourcePath where the data was when first snapshotted
 * @param cacheRoot the object cache that holds its bytes
 * @param fileCount the number of files
 * @param totalSize their total size in bytes
 * @param createdAt when it was first recorded
 * @param git the Git state of the workspace then, or null outside Git
 * @param message the user's note, or null
 * @param names the names given to it, oldest first
 */
public record Snapshot(
        String id,
        ObjectId objectId,
        boolean directory,
        String sourcePath,
        String cacheRoot,
        int fileCount,
        long totalSize,
        Instant createdAt,
        GitState git,
        String message,
        List<String> names)
        implements Serializable {
    /** Validates the record. */
    public Snapshot {
        Objects.requireNonNull(objectId, "objectId");
        Objects.requireNonNull(createdAt, "createdAt");
        if (!objectId.md5().equals(id)) {
            throw new IllegalArgumentException("snapshot id " + id + " differs from its object " + objectId);
        }
        names = List.copyOf(names);
    }

    /**
     * The name given most recently, or the short id when it has none.
     *
     * @return a label for people
     */
    public String label() {
        return names.isEmpty() ? id.substring(0, 12) : names.getLast();
    }
}
