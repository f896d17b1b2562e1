package io.mlops.data;

import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.TimeUnit;

/**
 * What identifies a file's content without reading it, as DVC's state cache does: the inode (with
 * its device), the modification time in nanoseconds, and the size.
 *
 * @param inode the file key, device and inode number
 * @param mtimeNanos the modification time
 * @param size the size in bytes
 */
public record FileStamp(String inode, long mtimeNanos, long size) {
    /**
     * Reads the stamp from attributes the caller already has, at no extra system call.
     *
     * @param attributes attributes of a regular file
     * @return the stamp
     */
    public static FileStamp of(BasicFileAttributes attributes) {
        Object key = attributes.fileKey();
        return new FileStamp(
                key == null ? "" : key.toString(),
                attributes.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                attributes.size());
    }

    /**
     * Whether the stamp can identify a file: some file systems have no inodes.
     *
     * @return true when an inode key is present
     */
    public boolean usable() {
        return !inode.isEmpty();
    }
}
