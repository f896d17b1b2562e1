package io.mlops.data;

import io.mlops.error.UserError;
import java.util.Locale;

/** How a workspace file is tied to its cache object: DVC's {@code cache.type} values. */
public enum LinkType {
    /** A copy-on-write clone: shares blocks until either side is written (btrfs, XFS, APFS). */
    REFLINK,
    /** The same inode as the cache object: no bytes copied, read-only like the object. */
    HARDLINK,
    /** A symbolic link to the cache object: read-only through the object's permissions. */
    SYMLINK,
    /** An independent, writable copy. */
    COPY;

    /**
     * Reads a type by DVC's name for it.
     *
     * @param name {@code reflink}, {@code hardlink}, {@code symlink} or {@code copy}
     * @param source where the name was read, for the error message
     * @return the type
     * @throws UserError for any other name
     */
    public static LinkType parse(String name, String source) {
        for (LinkType type : values()) {
            if (type.dvcName().equals(name.strip())) {
                return type;
            }
        }
        throw new UserError(
                source + ": unknown cache type '" + name.strip() + "'; DVC knows reflink, hardlink, symlink and copy");
    }

    /**
     * The name DVC gives this type.
     *
     * @return e.g. {@code hardlink}
     */
    public String dvcName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
