package io.mlops.data;

/**
 * How to take a snapshot.
 *
 * @param name a name for the snapshot, or null
 * @param message a note, or null
 * @param gitCommit whether to commit the {@code .dvc} pointer file (never the data) to Git
 * @param threads how many files to hash at once
 */
public record SnapshotRequest(String name, String message, boolean gitCommit, int threads) {
    /** Validates the request. */
    public SnapshotRequest {
        if (name != null && !name.matches("[\\w][\\w.-]{0,127}")) {
            throw new io.mlops.error.UserError("snapshot name '" + name
                    + "' must start with a letter, digit or '_' and hold only those, '.' and '-' (at most 128)");
        }
        if (threads < 1) {
            throw new io.mlops.error.UserError("threads must be at least 1, got " + threads);
        }
    }
}
