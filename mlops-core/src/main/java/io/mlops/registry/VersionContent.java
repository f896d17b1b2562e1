package io.mlops.registry;

import io.mlops.blob.BlobId;
import io.mlops.blob.BlobStore;
import io.mlops.error.UserError;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The files of a version as an MLflow model directory, wherever its bytes are: the files of a
 * version registered as a directory (blobs), or a version registered as one file (a file on this
 * machine or a run artifact's blob) with, for an {@code .onnx} file, the MLmodel that
 * {@code mlflow.onnx.save_model} would write beside it. Bytes are streamed, never held whole.
 */
public final class VersionContent {
    private final ModelRegistry registry;
    private final BlobStore blobs;

    /**
     * Creates the view.
     *
     * @param registry the registry
     * @param blobs the blob store that holds artifacts
     */
    public VersionContent(ModelRegistry registry, BlobStore blobs) {
        this.registry = registry;
        this.blobs = blobs;
    }

    /**
     * A file of a version's directory.
     *
     * @param path its path in the directory
     * @param size its size in bytes
     * @param sha256 the blob that holds it, or null when it is not a blob
     * @param local the file on this machine that holds it, or null
     * @param generated its bytes when the suite writes it (an MLmodel), or null
     */
    public record Entry(String path, long size, String sha256, Path local, byte[] generated) {}

    /**
     * The files of a version.
     *
     * @param version the version
     * @return the files, ordered by path
     */
    public List<Entry> files(ModelVersion version) {
        List<VersionFile> directory = registry.versionFiles(version.model(), version.version());
        List<Entry> entries = new ArrayList<>();
        if (!directory.isEmpty()) {
            directory.forEach(file -> entries.add(new Entry(file.path(), file.size(), file.sha256(), null, null)));
            return entries;
        }
        SourceArtifact source = version.source();
        String uri = source.uri();
        String name = uri.substring(uri.lastIndexOf('/') + 1);
        Entry model = source.isRunArtifact()
                ? new Entry(name, source.sizeBytes(), source.sha256(), null, null)
                : new Entry(name, source.sizeBytes(), null, Path.of(uri), null);
        if (name.toLowerCase(Locale.ROOT).endsWith(".onnx") && !name.equals(ModelDirectory.MLMODEL)) {
            byte[] mlmodel = MlModelFile.forOnnx(
                    name, source.sizeBytes(), source.sha256().substring(0, 32), version.createdAt());
            entries.add(new Entry(ModelDirectory.MLMODEL, mlmodel.length, null, null, mlmodel));
        }
        entries.add(model);
        return entries.stream()
                .sorted(java.util.Comparator.comparing(Entry::path))
                .toList();
    }

    /**
     * Opens a file of a version.
     *
     * @param version the version
     * @param entry one of its {@link #files}
     * @return the bytes, to be closed by the caller
     * @throws IOException when they cannot be read
     */
    public InputStream open(ModelVersion version, Entry entry) throws IOException {
        if (entry.generated() != null) {
            return new ByteArrayInputStream(entry.generated());
        }
        if (entry.local() != null) {
            if (!Files.isRegularFile(entry.local()) || Files.size(entry.local()) != entry.size()) {
                throw new UserError("the model file " + entry.local() + " of version " + version.version()
                        + " of model '" + version.model() + "' is gone or changed since it was registered");
            }
            return Files.newInputStream(entry.local());
        }
        BlobId id = new BlobId(entry.sha256());
        if (!blobs.contains(id)) {
            throw new UserError("the file " + entry.path() + " of version " + version.version() + " of model '"
                    + version.model() + "' is not in the artifact store");
        }
        return blobs.open(id);
    }

    /**
     * The ONNX model file of a version: the version's file itself, or in a model directory the file
     * its MLmodel's ONNX flavor names ({@code flavors.onnx.data}).
     *
     * @param version the version
     * @return the file
     * @throws UserError when the version holds no ONNX model
     */
    public Entry onnxModel(ModelVersion version) {
        List<Entry> files = files(version);
        Entry mlmodel = files.stream()
                .filter(file -> file.path().equals(ModelDirectory.MLMODEL))
                .findFirst()
                .orElse(null);
        String label = "version " + version.version() + " of model '" + version.model() + "'";
        if (mlmodel == null) {
            throw new UserError(label + " is no ONNX model and no MLflow model directory");
        }
        String data;
        try (InputStream in = open(version, mlmodel)) {
            data = MlModelFile.onnxData(in.readAllBytes())
                    .orElseThrow(() -> new UserError(label + " is an MLflow model without the onnx flavor;"
                            + " convert it to ONNX first (mlops convert)"));
        } catch (IOException e) {
            throw new UserError("cannot read the MLmodel of " + label + ": " + e.getMessage(), e);
        }
        String path = data;
        return files.stream()
                .filter(file -> file.path().equals(path))
                .findFirst()
                .orElseThrow(() -> new UserError("the MLmodel of " + label + " names the ONNX file '" + path
                        + "', which the version does not hold"));
    }
}
