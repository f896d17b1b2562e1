package io.mlops.registry;

import io.mlops.error.UserError;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An MLflow model directory to register as a version: the files of a run's artifact directory or
 * of a logged model, fixed (by their hashes) when it is registered, with the run that produced it.
 *
 * @param uri the source as the client named it, e.g. {@code models:/m-...} or {@code runs:/<run>/model}
 * @param runId the run that produced the model, or null
 * @param files the files, among them {@code MLmodel}
 */
public record ModelDirectory(String uri, String runId, List<VersionFile> files) implements Serializable {
    /** The file that makes a directory an MLflow model. */
    public static final String MLMODEL = "MLmodel";

    /** Validates the directory and orders its files by path. */
    public ModelDirectory {
        Objects.requireNonNull(uri, "uri");
        files = files.stream().sorted(Comparator.comparing(VersionFile::path)).toList();
        if (files.stream().noneMatch(file -> file.path().equals(MLMODEL))) {
            throw new UserError("Invalid model version source '" + uri + "': it is no MLflow model directory, it has"
                    + " no MLmodel file" + (files.isEmpty() ? " (it has no files at all)" : ""));
        }
    }

    /**
     * The directory as a version's source: its URI, the SHA-256 of its manifest (one line
     * {@code path<TAB>sha256<TAB>size} per file, ordered by path) and its total size.
     *
     * @return the source
     */
    public SourceArtifact source() {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        long size = 0;
        for (VersionFile file : files) {
            digest.update(
                    (file.path() + "\t" + file.sha256() + "\t" + file.size() + "\n").getBytes(StandardCharsets.UTF_8));
            size += file.size();
        }
        return new SourceArtifact(uri, HexFormat.of().formatHex(digest.digest()), size);
    }

    /**
     * A file of the directory.
     *
     * @param path its path
     * @return the file, or empty
     */
    public Optional<VersionFile> file(String path) {
        return files.stream().filter(file -> file.path().equals(path)).findFirst();
    }
}
