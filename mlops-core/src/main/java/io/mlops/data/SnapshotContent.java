package io.mlops.data;

/**
 * What hashing a target produced: its object id, its manifest, and how much work it took.
 *
 * @param objectId the target's id: a {@code .dir} object for a directory, the file's own for a file
 * @param directory whether the target was a directory
 * @param manifest the files, with their digests and sizes
 * @param hashedFiles files that were read (the others were known unchanged from the state cache)
 */
public record SnapshotContent(ObjectId objectId, boolean directory, Manifest manifest, int hashedFiles)
        implements java.io.Serializable {}
