package io.mlops.data;

import io.mlops.error.UserError;
import io.mlops.progress.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A content-addressed object store in DVC 3's cache layout: {@code files/md5/xx/rest}.
 *
 * <p>Used for a DVC repository's cache, the suite's own cache, and directory remotes. Objects
 * are written under a temporary name in their final directory and renamed into place, so a
 * crash or a full disk never leaves a partial object under its final name; finished objects are
 * read-only, as DVC makes them. Several processes may write the same cache at once: an object
 * has one possible content, so the last rename wins harmlessly.
 */
public final class ObjectCache {
    /** Files up to this size are read in one go; larger ones are streamed. */
    static final int WHOLE_READ_LIMIT = 4 * 1024 * 1024;

    private static final int CHUNK = 1024 * 1024;
    private static final Set<PosixFilePermission> READ_ONLY =
            Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);

    private final Path root;
    /** Directories known to exist: creating each file's directory again costs a failed mkdir per file. */
    private final Set<Path> knownDirectories = ConcurrentHashMap.newKeySet();

    /**
     * Opens a cache rooted at a directory (created on the first write).
     *
     * @param root the cache root, holding {@code files/md5/}
     */
    public ObjectCache(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * The cache root.
     *
     * @return an absolute path
     */
    public Path root() {
        return root;
    }

    /**
     * Where an object lives, whether or not it is there.
     *
     * @param id the object
     * @return the object's path
     */
    public Path pathOf(ObjectId id) {
        return root.resolve(id.cachePath());
    }

    /**
     * Whether the cache holds an object.
     *
     * @param id the object
     * @return true when a file of that name exists
     */
    public boolean contains(ObjectId id) {
        return Files.isRegularFile(pathOf(id));
    }

    /**
     * Stores bytes under an id (nothing happens when the object exists).
     *
     * @param id the id, which the caller computed from the bytes
     * @param bytes the content
     */
    public void put(ObjectId id, byte[] bytes) {
        storeWith(id, out -> out.write(bytes));
    }

    /** Writes an object's content into a stream; the object appears only when it returns. */
    @FunctionalInterface
    private interface ContentWriter {
        void write(OutputStream out) throws IOException;
    }

    private void storeWith(ObjectId id, ContentWriter writer) {
        if (contains(id)) {
            return;
        }
        Path target = pathOf(id);
        Path temp = null;
        try {
            ensureDirectory(target.getParent());
            temp = tempNameFor(target);
            try (FileChannel channel = createReadOnly(temp)) {
                OutputStream out = Channels.newOutputStream(channel);
                writer.write(out);
                channel.force(true);
            }
            moveIntoPlace(temp, target);
            temp = null;
        } catch (IOException e) {
            throw new UserError("cannot write object " + target + ": " + describe(e), e);
        } finally {
            deleteQuietly(temp);
        }
    }

    /**
     * Hashes a file and stores its bytes as an object unless already present, but only if the file
     * kept the stamp it had before: an object's name always matches its bytes.
     *
     * <p>Small files are read once, and what is stored is exactly what was hashed. Large files are
     * hashed in one pass and copied in the kernel in a second ({@code copy_file_range}: on this
     * machine twice as fast as writing what was read); the stamp taken after the copy guards
     * against a change in between, as DVC's state does.
     *
     * @param file a regular file
     * @param expected the file's stamp when it was scanned
     * @param progress told of every chunk hashed
     * @return the id, the size read, and whether the object was stored (false when the file
     *     changed while being read; the caller reads it again)
     * @throws UserError when the file cannot be read or the cache cannot be written
     */
    public Ingested ingest(Path file, FileStamp expected, ProgressListener progress) {
        try {
            if (expected.size() <= WHOLE_READ_LIMIT) {
                byte[] bytes = Files.readAllBytes(file);
                progress.advance(0, bytes.length);
                ObjectId id = ObjectId.ofFile(md5().digest(bytes));
                FileStamp after = stampOf(file);
                if (after.equals(expected) && after.size() == bytes.length) {
                    put(id, bytes);
                }
                return new Ingested(id, bytes.length, after);
            }
            return ingestLarge(file, expected, progress);
        } catch (NoSuchFileException e) {
            throw new UserError("file disappeared while being read: " + file, e);
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + describe(e), e);
        }
    }

    private Ingested ingestLarge(Path file, FileStamp expected, ProgressListener progress) throws IOException {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            MessageDigest md5 = md5();
            long size = hash(in, md5, progress);
            ObjectId id = ObjectId.ofFile(md5.digest());
            if (Files.isRegularFile(pathOf(id))) {
                return new Ingested(id, size, stampOf(file));
            }
            return storeCopy(in, file, expected, id, size);
        }
    }

    /**
     * Hashes a file and stores it as an object by hard-linking it into the cache, as {@code dvc add}
     * does with {@code cache.type = hardlink}: no byte is copied, and the file becomes read-only with
     * the object (it is the same inode). Where a hard link is impossible (another device) the bytes
     * are copied instead. As with {@link #ingest}, nothing is stored when the file changed meanwhile.
     *
     * @param file a regular file
     * @param expected the file's stamp when it was scanned
     * @param progress told of every chunk hashed
     * @return the id, the size read and the stamp after
     * @throws UserError when the file cannot be read or the cache cannot be written
     */
    public Ingested ingestLinked(Path file, FileStamp expected, ProgressListener progress) {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            MessageDigest md5 = md5();
            long size = hash(in, md5, progress);
            ObjectId id = ObjectId.ofFile(md5.digest());
            Path target = pathOf(id);
            if (Files.isRegularFile(target)) {
                return new Ingested(id, size, stampOf(file));
            }
            ensureDirectory(target.getParent());
            Path temp = tempNameFor(target);
            try {
                try {
                    Files.createLink(temp, file);
                } catch (UnsupportedOperationException | java.nio.file.FileSystemException e) {
                    if (e instanceof NoSuchFileException) {
                        throw (NoSuchFileException) e;
                    }
                    return storeCopy(in, file, expected, id, size);
                }
                FileStamp after = stampOf(file);
                if (after.equals(expected) && after.size() == size) {
                    try {
                        Files.setPosixFilePermissions(temp, READ_ONLY);
                    } catch (UnsupportedOperationException e) {
                        // no POSIX permissions here: the object stays writable, as DVC leaves it
                    }
                    moveIntoPlace(temp, target);
                    temp = null;
                }
                return new Ingested(id, size, after);
            } finally {
                deleteQuietly(temp);
            }
        } catch (NoSuchFileException e) {
            throw new UserError("file disappeared while being read: " + file, e);
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + describe(e), e);
        }
    }

    private static long hash(FileChannel in, MessageDigest md5, ProgressListener progress) throws IOException {
        long size = 0;
        ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK);
        while (in.read(buffer) >= 0) {
            buffer.flip();
            size += buffer.remaining();
            progress.advance(0, buffer.remaining());
            md5.update(buffer);
            buffer.clear();
        }
        return size;
    }

    /** Copies a hashed file into the cache in the kernel, publishing it only if the file kept its stamp. */
    private Ingested storeCopy(FileChannel in, Path file, FileStamp expected, ObjectId id, long size)
            throws IOException {
        Path target = pathOf(id);
        Path temp = null;
        try {
            ensureDirectory(target.getParent());
            temp = tempNameFor(target);
            try (FileChannel out = createReadOnly(temp)) {
                for (long copied = 0; copied < size; ) {
                    long moved = in.transferTo(copied, size - copied, out);
                    if (moved <= 0) {
                        break;
                    }
                    copied += moved;
                }
                out.force(true);
            } catch (IOException e) {
                throw new UserError("cannot store " + file + " in the cache " + root + ": " + describe(e), e);
            }
            FileStamp after = stampOf(file);
            if (after.equals(expected) && after.size() == size && Files.size(temp) == size) {
                moveIntoPlace(temp, target);
                temp = null;
            }
            return new Ingested(id, size, after);
        } finally {
            deleteQuietly(temp);
        }
    }

    private static FileStamp stampOf(Path file) throws IOException {
        return FileStamp.of(Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class));
    }

    /**
     * Opens an object for reading.
     *
     * @param id the object
     * @return a stream of its bytes
     * @throws UserError when the object is missing
     */
    public InputStream open(ObjectId id) {
        Path path = pathOf(id);
        try {
            return Files.newInputStream(path);
        } catch (NoSuchFileException e) {
            throw new UserError("object " + id + " is missing from the cache: " + path, e);
        } catch (IOException e) {
            throw new UserError("cannot read object " + path + ": " + describe(e), e);
        }
    }

    /**
     * Reads a whole object, e.g. a directory manifest.
     *
     * @param id the object
     * @return its bytes
     */
    public byte[] read(ObjectId id) {
        try (InputStream in = open(id)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UserError("cannot read object " + pathOf(id) + ": " + describe(e), e);
        }
    }

    /**
     * The size of a stored object.
     *
     * @param id the object
     * @return its size in bytes, or -1 when absent
     */
    public long sizeOf(ObjectId id) {
        try {
            return Files.size(pathOf(id));
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Copies an object of another store into this one, verifying its hash on the way.
     *
     * @param id the object
     * @param source the store to copy from
     * @throws UserError when the source object is missing or its bytes do not match its name
     */
    public void copyFrom(ObjectCache source, ObjectId id) {
        storeWith(id, out -> VerifiedCopy.copy(source, id, out));
    }

    /**
     * Stores an object read from a stream (a download), verifying its MD5 against the id; the object
     * appears under its name only when every byte arrived and matched.
     *
     * @param id the object
     * @param in its bytes; read to the end, not closed
     * @param origin where the bytes come from, for the message when they do not match
     * @throws UserError when the bytes do not match the id or the cache cannot be written; an unchecked
     *     exception thrown by {@code in} passes through unchanged and leaves nothing behind
     */
    public void receive(ObjectId id, InputStream in, String origin) {
        storeWith(id, out -> VerifiedCopy.copy(in, id, origin, out));
    }

    private void ensureDirectory(Path directory) throws IOException {
        if (!knownDirectories.contains(directory)) {
            Files.createDirectories(directory);
            knownDirectories.add(directory);
        }
    }

    /** Creates a new file that is read-only from birth: the open channel may still write it. */
    private static FileChannel createReadOnly(Path file) throws IOException {
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            return FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(READ_ONLY));
        } catch (UnsupportedOperationException e) {
            return FileChannel.open(file, options);
        }
    }

    static Path tempNameFor(Path target) {
        return target.resolveSibling("." + target.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
    }

    /**
     * A new empty temporary file next to a final path, never visible under the final name.
     *
     * @param target the final path
     * @return the temporary file
     * @throws IOException when it cannot be created
     */
    static Path newTempFile(Path target) throws IOException {
        Files.createDirectories(target.getParent());
        while (true) {
            try {
                return Files.createFile(tempNameFor(target));
            } catch (FileAlreadyExistsException e) {
                // another writer picked the same random name: draw again
            }
        }
    }

    // The bytes were forced to disk before the rename; forcing the directory after it makes the
    // name durable too, so an object published before a power cut is there after it.
    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        syncDirectory(target.getParent());
    }

    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms cannot open or force a directory; the rename itself is still atomic.
        }
    }

    /**
     * Removes the temporary files a writer left behind when it was killed mid-copy: files named as
     * this cache names them (a dot, the object name, a random part, .tmp), in the object directories, last changed longer ago than the
     * grace period (a writer still copying keeps changing its file). Finished objects are never touched.
     *
     * @param grace how old a temporary file must be to count as abandoned
     * @return what was removed
     * @throws UserError when the cache cannot be listed
     */
    public Sweep sweepTemporaries(java.time.Duration grace) {
        Path objects = root.resolve("files").resolve("md5");
        if (!Files.isDirectory(objects)) {
            return new Sweep(List.of(), 0);
        }
        long cutoff = System.currentTimeMillis() - grace.toMillis();
        List<Path> removed = new ArrayList<>();
        long bytes = 0;
        try (java.util.stream.Stream<Path> directories = Files.list(objects)) {
            for (Path directory : directories.filter(Files::isDirectory).toList()) {
                try (java.util.stream.Stream<Path> files = Files.list(directory)) {
                    for (Path file : files.filter(ObjectCache::isTempName).toList()) {
                        java.nio.file.attribute.BasicFileAttributes attributes;
                        try {
                            attributes = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
                        } catch (NoSuchFileException e) {
                            continue; // its writer finished or cleaned up meanwhile
                        }
                        if (attributes.isRegularFile()
                                && attributes.lastModifiedTime().toMillis() <= cutoff) {
                            if (Files.deleteIfExists(file)) {
                                removed.add(file);
                                bytes += attributes.size();
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UserError("cannot clean the cache " + root + ": " + describe(e), e);
        }
        return new Sweep(List.copyOf(removed), bytes);
    }

    private static boolean isTempName(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.endsWith(".tmp");
    }

    /**
     * What a sweep removed.
     *
     * @param files the temporary files removed
     * @param bytes their size together
     */
    public record Sweep(List<Path> files, long bytes) {}

    static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // leaving a temporary file behind is harmless: it never has an object's name
        }
    }

    static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks MD5", e);
        }
    }

    static String describe(IOException e) {
        String message = e.getMessage();
        String kind = e.getClass().getSimpleName();
        return message == null ? kind : kind + ": " + message;
    }

    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    /**
     * The result of ingesting a file.
     *
     * @param id the object id of the bytes read
     * @param size how many bytes were read
     * @param stampAfter the file's stamp after reading; when it differs from the stamp expected,
     *     nothing was stored
     */
    public record Ingested(ObjectId id, long size, FileStamp stampAfter) {}
}
