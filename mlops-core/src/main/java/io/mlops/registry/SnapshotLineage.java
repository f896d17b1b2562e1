package io.mlops.registry;

import java.io.Serializable;
import java.util.Objects;

/**
 * A data snapshot behind a model version, as lineage shows it.
 *
 * @param snapshotId the snapshot's id
 * @param sourcePath where the data was when snapshotted, or null when this store does not know the snapshot
 * @param gitCommit the commit recorded with the snapshot, or null
 * @param fileCount how many files the snapshot holds, or null when this store does not know it
 * @param totalBytes their size in bytes, or null when this store does not know the snapshot
 */
public record SnapshotLineage(
        String snapshotId, String sourcePath, String gitCommit, Integer fileCount, Long totalBytes)
        implements Serializable {
    /** Validates the snapshot reference. */
    public SnapshotLineage {
        Objects.requireNonNull(snapshotId, "snapshotId");
    }

    /**
     * Whether this store holds the snapshot's record.
     *
     * @return false for a snapshot taken against another store
     */
    public boolean known() {
        return sourcePath != null;
    }
}
