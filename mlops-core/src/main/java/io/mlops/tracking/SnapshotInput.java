package io.mlops.tracking;

import java.io.Serializable;
import java.util.Objects;

/**
 * A data snapshot a run used (see {@code mlops data snapshot}).
 *
 * @param snapshotId the snapshot's id (32 hex digits, its content hash)
 * @param name the name it was used by, or null
 * @param path where the data was when it was snapshotted
 */
public record SnapshotInput(String snapshotId, String name, String path) implements Serializable {
    /** Validates the reference. */
    public SnapshotInput {
        if (snapshotId == null || !snapshotId.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("not a snapshot id: " + snapshotId);
        }
        Objects.requireNonNull(path, "path");
    }

    /**
     * A short label for people.
     *
     * @return the name, else the first 12 digits of the id
     */
    public String label() {
        return name != null ? name : snapshotId.substring(0, 12);
    }
}
