package io.mlops.tracking;

import io.mlops.blob.Blob;
import java.io.Serializable;
import java.util.Objects;

/**
 * An artifact file of a logged model: its path under the model's artifact root and its blob.
 *
 * @param modelId the logged model
 * @param path the relative path, with forward slashes
 * @param blob the content
 */
public record ModelArtifact(String modelId, String path, Blob blob) implements Serializable {
    /** Validates the artifact. */
    public ModelArtifact {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(blob, "blob");
    }
}
