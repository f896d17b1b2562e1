package io.mlops.data;

import java.nio.file.Path;

/**
 * A regular file found under a snapshot root, with the stamp it had when found.
 *
 * @param relativePath the path below the root, with forward slashes
 * @param path where to read it
 * @param stamp inode, modification time and size when scanned
 */
public record ScannedFile(String relativePath, Path path, FileStamp stamp) {}
