package io.mlops.data;

/**
 * What taking a snapshot did.
 *
 * @param snapshot the recorded snapshot
 * @param created whether this content was new to the catalog
 * @param hashedFiles files read (the rest were known unchanged)
 * @param pointerFile the {@code .dvc} file written, or null outside a DVC repository
 * @param gitCommit the commit made for the pointer file, or null
 */
public record SnapshotResult(Snapshot snapshot, boolean created, int hashedFiles, String pointerFile, String gitCommit)
        implements java.io.Serializable {}
