package io.mlops.cli.deploy;

import io.mlops.blob.BlobId;
import io.mlops.blob.BlobStore;
import io.mlops.error.UserError;
import io.mlops.objectstore.StorageLocation;
import io.mlops.registry.ModelVersion;
import io.mlops.registry.SourceArtifact;
import io.mlops.registry.VersionFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A version's model file on this machine: the registered file itself, or a run artifact copied
 * out of the suite's content-addressed artifact store (its blob is named by the hash the registry
 * recorded).
 */
final class StoreVersionFiles implements VersionFiles {
    private final BlobStore blobs;
    private final StorageLocation where;
    private final Path scratch;

    /**
     * Creates the lookup.
     *
     * @param blobs the artifact store runs were tracked into
     * @param where where that store keeps its bytes, for messages
     * @param scratch a directory for copies of run artifacts, removed by the caller
     */
    StoreVersionFiles(BlobStore blobs, StorageLocation where, Path scratch) {
        this.blobs = blobs;
        this.where = where;
        this.scratch = scratch;
    }

    @Override
    public Path fileOf(ModelVersion version) {
        SourceArtifact source = version.source();
        if (!source.isRunArtifact()) {
            // The bundle builder checks the hash and names both digests when they differ.
            Path file = Path.of(source.uri());
            if (!Files.isRegularFile(file)) {
                throw new UserError("the model file " + file + " of version " + version.version() + " of model '"
                        + version.model() + "' is gone");
            }
            return file;
        }
        BlobId id = new BlobId(source.sha256());
        if (!blobs.contains(id)) {
            throw new UserError(
                    "version " + version.version() + " of model '" + version.model() + "' is the run artifact "
                            + source.uri() + ", which the artifact store " + where + " does not hold;"
                            + " give the store the run was tracked into with --artifacts");
        }
        Path copy = scratch.resolve("model-" + source.sha256() + ".onnx");
        try (InputStream in = blobs.open(id)) {
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UserError(
                    "cannot read the run artifact " + source.uri() + " from " + where + ": " + e.getMessage(), e);
        }
        return copy;
    }
}
