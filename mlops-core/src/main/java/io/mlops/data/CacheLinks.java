package io.mlops.data;

import io.mlops.error.UserError;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Ties workspace files to cache objects with the first of DVC's {@code cache.type} values that the
 * file systems allow, as {@code dvc checkout} and {@code dvc add} do.
 *
 * <p>A type that fails because the file systems cannot do it (a hard link across devices, a reflink
 * on ext4) is dropped for the rest of the operation and the next type is tried, as DVC does. A hard
 * link shares the cache object's inode, so the workspace file is read-only like the object; a
 * symbolic link points at the read-only object; a copy is writable ({@code dvc unprotect} turns a link
 * back into a writable copy). Whether reflinks work is learnt once per operation, with
 * {@code cp --reflink=always} (the JDK has no clone call that fails rather than silently copies);
 * where they do, files are cloned with the JDK's copy, which on Linux is the kernel's
 * {@code copy_file_range} (it shares blocks on btrfs and XFS).
 */
public final class CacheLinks {
    /** For data outside a DVC repository: the workspace is never replaced by links. */
    public static final CacheTypes COPY_ONLY = new CacheTypes(List.of(LinkType.COPY));

    private final CacheTypes types;
    private final Set<LinkType> unsupported = ConcurrentHashMap.newKeySet();
    /** Whether {@code cp --reflink=always} worked here; null until first needed. */
    private volatile Boolean reflinks;

    /**
     * Creates links of the given types.
     *
     * @param types the types in order of preference
     */
    public CacheLinks(CacheTypes types) {
        this.types = types;
    }

    /**
     * The configured types.
     *
     * @return the types in order of preference
     */
    public CacheTypes types() {
        return types;
    }

    /**
     * The types still worth trying: the configured ones less those that already failed here.
     *
     * @return types in order of preference
     */
    List<LinkType> candidates() {
        return types.types().stream().filter(t -> !unsupported.contains(t)).toList();
    }

    /**
     * Creates a link of a type to a cache object at a path that does not exist yet.
     *
     * @param type {@link LinkType#REFLINK}, {@link LinkType#HARDLINK} or {@link LinkType#SYMLINK}
     * @param object the cache object, absolute
     * @param link where to create the link
     * @return false when the file systems cannot make this type (it is then not tried again)
     * @throws IOException when the object is missing or the link's directory cannot be written
     */
    boolean create(LinkType type, Path object, Path link) throws IOException {
        if (unsupported.contains(type)) {
            return false;
        }
        try {
            switch (type) {
                case HARDLINK -> Files.createLink(link, object);
                case SYMLINK -> Files.createSymbolicLink(link, object);
                case REFLINK -> {
                    if (!reflinksWork(object, link.getParent())) {
                        unsupported.add(type);
                        return false;
                    }
                    Files.copy(object, link);
                    // a clone is the user's own writable file, not the read-only object
                    Files.setPosixFilePermissions(link, PosixFilePermissions.fromString("rw-r--r--"));
                }
                case COPY -> throw new IllegalArgumentException("a copy is not a link");
            }
            return true;
        } catch (NoSuchFileException | FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | FileSystemException e) {
            // EXDEV (another device), EPERM/EACCES (protected hard links), EMLINK, no symlinks here
            unsupported.add(type);
            return false;
        }
    }

    /**
     * After a snapshot stored a workspace file's bytes, ties the file to its object as {@code dvc add}
     * does: replaced by a hard or symbolic link (or a clone), or left as it is for a copy.
     *
     * @param file the workspace file (a user's own symbolic link to elsewhere is left alone)
     * @param object the cache object with the same bytes
     * @throws UserError when no configured type works, or the workspace cannot be written
     */
    public void tie(Path file, Path object) {
        List<LinkType> candidates = candidates();
        if (!candidates.isEmpty() && candidates.getFirst() == LinkType.COPY) {
            return; // the common case costs no system call per file
        }
        try {
            if (Files.isSymbolicLink(file)
                    && !Files.readSymbolicLink(file)
                            .startsWith(object.getParent().getParent())) {
                return;
            }
            for (LinkType type : candidates) {
                if (type == LinkType.COPY) {
                    return;
                }
                if (type == LinkType.REFLINK) {
                    if (reflinksWork(object, file.getParent())) {
                        // the file is already a writable copy of the object: cloning it changes nothing
                        return;
                    }
                    unsupported.add(type);
                    continue;
                }
                if (isAlready(type, file, object)) {
                    return;
                }
                Path temp = ObjectCache.tempNameFor(file);
                try {
                    if (create(type, object, temp)) {
                        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                        temp = null;
                        return;
                    }
                } finally {
                    ObjectCache.deleteQuietly(temp);
                }
            }
        } catch (IOException e) {
            throw new UserError(
                    "cannot link " + file + " to the cache object " + object + ": " + ObjectCache.describe(e), e);
        }
        throw none(file, object);
    }

    private static boolean isAlready(LinkType type, Path file, Path object) throws IOException {
        boolean symlink = Files.isSymbolicLink(file);
        return switch (type) {
            case HARDLINK -> !symlink && Files.isSameFile(file, object);
            case SYMLINK -> symlink && Files.readSymbolicLink(file).equals(object);
            default -> false;
        };
    }

    /**
     * The error when no configured type can tie a file to its object.
     *
     * @param file the workspace file
     * @param object the cache object
     * @return a message naming the types, the file and the cache
     */
    UserError none(Path file, Path object) {
        return new UserError("no cache type of '" + types + "' works for " + file + " with the cache object "
                + object + " (a hard link cannot cross devices, reflinks need btrfs, XFS or APFS);"
                + " add copy to cache.type");
    }

    private boolean reflinksWork(Path object, Path directory) throws IOException {
        Boolean known = reflinks;
        if (known == null) {
            synchronized (this) {
                known = reflinks;
                if (known == null) {
                    Files.createDirectories(directory);
                    Path probe = ObjectCache.tempNameFor(directory.resolve("reflink-probe"));
                    try {
                        known = reflink(object, probe);
                    } finally {
                        Files.deleteIfExists(probe);
                    }
                    reflinks = known;
                }
            }
        }
        return known;
    }

    private static boolean reflink(Path object, Path link) throws IOException {
        ProcessBuilder cp = new ProcessBuilder("cp", "--reflink=always", "--", object.toString(), link.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        try {
            Process process = cp.start();
            if (!process.waitFor(10, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return false;
            }
            if (process.exitValue() == 0 && Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
                return true;
            }
        } catch (IOException e) {
            // no cp (not a GNU system): no reflinks here
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while cloning " + object, e);
        }
        Files.deleteIfExists(link);
        return false;
    }
}
