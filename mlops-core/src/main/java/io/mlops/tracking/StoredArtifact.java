package io.mlops.tracking;

import io.mlops.blob.Blob;
import java.io.Serializable;
import java.util.Objects;

/**
 * An artifact file of a run: its path under the run's artifact root and the blob with its bytes.
 *
 * @param runId the run
 * @param path the relative path, with forward slashes
 * @param blob the content
 */
public record StoredArtifact(String runId, String path, Blob blob) implements Serializable {
    /** Validates the artifact. */
    public StoredArtifact {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(blob, "blob");
    }
}
