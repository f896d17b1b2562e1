package io.mlops.registry;

import io.mlops.blob.BlobStore;
import io.mlops.error.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Model files of versions that are MLflow model directories: the ONNX file the directory's MLmodel
 * names ({@code flavors.onnx.data}), copied out of the blob store; versions of one file go to the
 * lookup this one wraps.
 */
public final class DirectoryVersionFiles implements VersionFiles {
    private final ModelRegistry registry;
    private final VersionContent content;
    private final VersionFiles singleFiles;
    private final Path scratch;

    /**
     * Creates the lookup.
     *
     * @param registry the registry
     * @param blobs the artifact store the directories' files are in
     * @param singleFiles the lookup for versions of one file
     * @param scratch a directory for the copies, removed by the caller
     */
    public DirectoryVersionFiles(ModelRegistry registry, BlobStore blobs, VersionFiles singleFiles, Path scratch) {
        this.registry = registry;
        this.content = new VersionContent(registry, blobs);
        this.singleFiles = singleFiles;
        this.scratch = scratch;
    }

    @Override
    public Path fileOf(ModelVersion version) {
        if (registry.versionFiles(version.model(), version.version()).isEmpty()) {
            return singleFiles.fileOf(version);
        }
        VersionContent.Entry onnx = content.onnxModel(version);
        Path copy = scratch.resolve("model-" + onnx.sha256() + ".onnx");
        try (InputStream in = content.open(version, onnx)) {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UserError(
                    "cannot copy the ONNX model " + onnx.path() + " of version " + version.version() + " of model '"
                            + version.model() + "': " + e.getMessage(),
                    e);
        }
        return copy;
    }
}
