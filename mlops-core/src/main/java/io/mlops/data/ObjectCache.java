package io.mlops.data;

import io.mlops.error.UserError;
import io.mlops.progress.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
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
import java.util.EnumSet;
import java.util.HexFormat;
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
            try (OutputStream out = Channels.newOutputStream(createReadOnly(temp))) {
                writer.write(out);
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
     * Reads a file once, hashing it and storing its bytes as an object unless already present.
     *
     * <p>What is stored is exactly what was hashed, so an object's name always matches its bytes.
     *
     * @param file a regular file
     * @param expectedSize its size when last seen, which picks reading whole or streaming
     * @param progress told of every chunk read
     * @return the id and the number of bytes read
     * @throws UserError when the file cannot be read or the cache cannot be written
     */
    public Ingested ingest(Path file, long expectedSize, ProgressListener progress) {
        try {
            if (expectedSize <= WHOLE_READ_LIMIT) {
                byte[] bytes = Files.readAllBytes(file);
                progress.advance(0, bytes.length);
                ObjectId id = ObjectId.ofFile(md5().digest(bytes));
                put(id, bytes);
                return new Ingested(id, bytes.length);
            }
            return ingestStreaming(file, progress);
        } catch (NoSuchFileException e) {
            throw new UserError("file disappeared while being read: " + file, e);
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + describe(e), e);
        }
    }

    private Ingested ingestStreaming(Path file, ProgressListener progress) throws IOException {
        Path staging = root.resolve("files/md5");
        ensureDirectory(staging);
        Path temp = tempNameFor(staging.resolve("ingest"));
        MessageDigest md5 = md5();
        long total = 0;
        try {
            try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
                    SeekableByteChannel out = createReadOnly(temp)) {
                ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK);
                while (in.read(buffer) >= 0) {
                    buffer.flip();
                    int read = buffer.remaining();
                    md5.update(buffer.duplicate());
                    while (buffer.hasRemaining()) {
                        out.write(buffer);
                    }
                    buffer.clear();
                    total += read;
                    progress.advance(0, read);
                }
            } catch (IOException e) {
                throw new UserError("cannot store " + file + " in the cache " + root + ": " + describe(e), e);
            }
            ObjectId id = ObjectId.ofFile(md5.digest());
            Path target = pathOf(id);
            if (!Files.isRegularFile(target)) {
                ensureDirectory(target.getParent());
                moveIntoPlace(temp, target);
                temp = null;
            }
            return new Ingested(id, total);
        } finally {
            deleteQuietly(temp);
        }
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

    private void ensureDirectory(Path directory) throws IOException {
        if (!knownDirectories.contains(directory)) {
            Files.createDirectories(directory);
            knownDirectories.add(directory);
        }
    }

    /** Creates a new file that is read-only from birth: the open channel may still write it. */
    private static SeekableByteChannel createReadOnly(Path file) throws IOException {
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            return Files.newByteChannel(file, options, PosixFilePermissions.asFileAttribute(READ_ONLY));
        } catch (UnsupportedOperationException e) {
            return Files.newByteChannel(file, options);
        }
    }

    private static Path tempNameFor(Path target) {
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

    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

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
     */
    public record Ingested(ObjectId id, long size) {}
}
