package io.mlops.agent.backend.tensorrt;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Where a serialized TensorRT engine is kept: a TensorRT engine only runs on the GPU model and the
 * TensorRT version that built it, so its file name holds both with the model's SHA-256. A second load
 * on the same node finds it; another GPU or an upgrade builds anew.
 *
 * @param path the engine file
 */
record EngineFile(Path path) {
    /**
     * The engine file for a model on a GPU.
     *
     * @param compiledDir the model version's directory for compiled artifacts
     * @param model the ONNX file
     * @param gpu the GPU model name
     * @param tensorRtVersion TensorRT's version number, e.g. {@code 101500}
     * @return the file, which may not exist yet
     */
    static EngineFile of(Path compiledDir, Path model, String gpu, int tensorRtVersion) {
        String gpuPart = gpu.replaceAll("[^A-Za-z0-9]+", "_");
        return new EngineFile(
                compiledDir.resolve(gpuPart + "-trt" + tensorRtVersion + "-" + sha256(model) + ".engine"));
    }

    /**
     * The engine built before, if any.
     *
     * @return its bytes
     */
    Optional<byte[]> read() {
        try {
            return Files.isRegularFile(path) ? Optional.of(Files.readAllBytes(path)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read TensorRT engine " + path, e);
        }
    }

    /**
     * Keeps an engine: written under a temporary name and renamed, so a crash never leaves half a file
     * that a later load would trust.
     *
     * @param engine the serialized engine
     */
    void write(byte[] engine) {
        try {
            Files.createDirectories(path.getParent());
            Path partial = Files.createTempFile(path.getParent(), ".engine-", ".partial");
            Files.write(partial, engine);
            try {
                Files.move(partial, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write TensorRT engine " + path, e);
        }
    }

    private static String sha256(Path file) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model " + file, e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
