package io.mlops.blob;

import io.mlops.error.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Blobs as files under a directory: {@code sha256/ab/cdef...}, written to {@code tmp/} first,
 * flushed to disk and renamed into place, so a reader sees a whole blob or none. Several processes
 * may share one directory: the rename is atomic and equal content has one name.
 */
public final class LocalBlobStore implements BlobStore {
    private static final int BUFFER = 64 * 1024;

    private final Path root;

    /**
     * Creates the store over a directory, creating it if needed.
     *
     * @param root the store's directory
     * @throws UserError when the directory cannot be created
     */
    public LocalBlobStore(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.root.resolve("tmp"));
            Files.createDirectories(this.root.resolve("sha256"));
        } catch (IOException e) {
            throw new UserError("cannot create the blob store directory " + this.root + ": " + e.getMessage(), e);
        }
    }

    /**
     * The store's directory.
     *
     * @return an absolute path
     */
    public Path root() {
        return root;
    }

    @Override
    public Blob put(InputStream content) throws IOException {
        Path temporary = Files.createTempFile(root.resolve("tmp"), "upload-", ".part");
        try {
            MessageDigest sha256 = sha256();
            long size = 0;
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
                    OutputStream out = new DigestOutputStream(Channels.newOutputStream(channel), sha256)) {
                byte[] buffer = new byte[BUFFER];
                for (int read; (read = content.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, read);
                    size += read;
                }
                out.flush();
                // Durable before it gets its name: a crash must not leave a named, truncated blob.
                channel.force(true);
            }
            BlobId id = BlobId.of(sha256.digest());
            Path target = path(id);
            if (!Files.exists(target)) {
                Files.createDirectories(target.getParent());
                try {
                    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (FileAlreadyExistsException e) {
                    // Another writer stored the same content first; its blob is identical.
                }
            }
            return new Blob(id, size);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    @Override
    public InputStream open(BlobId id) throws IOException {
        return Files.newInputStream(path(id));
    }

    @Override
    public boolean contains(BlobId id) {
        return Files.isRegularFile(path(id));
    }

    private Path path(BlobId id) {
        String hex = id.sha256();
        return root.resolve("sha256").resolve(hex.substring(0, 2)).resolve(hex.substring(2));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
