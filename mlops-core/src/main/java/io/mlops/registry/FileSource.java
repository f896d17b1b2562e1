package io.mlops.registry;

import io.mlops.error.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Makes a model file the source of a version: its absolute path, SHA-256 and size. */
public final class FileSource {
    private FileSource() {}

    /**
     * Hashes a model file.
     *
     * @param file the model file
     * @return the source, named by the file's absolute, normalized path
     * @throws UserError when the file is missing or unreadable
     */
    public static SourceArtifact of(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute)) {
            throw new UserError("cannot register " + file + " as a model version: it is no file");
        }
        return new SourceArtifact(absolute.toString(), sha256(absolute), size(absolute));
    }

    /**
     * The SHA-256 of a file's content.
     *
     * @param file the file
     * @return 64 lowercase hex digits
     * @throws UserError when the file cannot be read
     */
    public static String sha256(Path file) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UserError("cannot read the model file " + file + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UserError("cannot read the model file " + file + ": " + e.getMessage(), e);
        }
    }
}
