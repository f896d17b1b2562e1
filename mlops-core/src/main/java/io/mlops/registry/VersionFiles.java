package io.mlops.registry;

import io.mlops.error.UserError;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the model file of a version on this machine. */
@FunctionalInterface
public interface VersionFiles {
    /**
     * The model file of a version.
     *
     * @param version the version
     * @return a readable file holding the version's bytes
     * @throws UserError when the file cannot be had
     */
    Path fileOf(ModelVersion version);

    /**
     * Files for versions registered from a file: the file itself, checked against the hash taken
     * when it was registered. Versions from run artifacts need the blob store, which a host with
     * one provides through its own implementation.
     *
     * @return the implementation for registered files
     */
    static VersionFiles registeredFiles() {
        return version -> {
            SourceArtifact source = version.source();
            String label = "version " + version.version() + " of model '" + version.model() + "'";
            if (source.isRunArtifact()) {
                throw new UserError(label + " is the run artifact " + source.uri()
                        + ", and this host has no artifact store to fetch it from; download it with"
                        + " 'mlflow artifacts download' and give the file instead");
            }
            Path file = Path.of(source.uri());
            if (!Files.isRegularFile(file)) {
                throw new UserError("the model file " + file + " of " + label + " is gone");
            }
            if (!FileSource.sha256(file).equals(source.sha256())) {
                throw new UserError("the model file " + file + " of " + label + " changed since it was registered"
                        + " (its SHA-256 was " + source.sha256() + ")");
            }
            return file;
        };
    }
}
