package io.mlops.registry;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * Where a model version came from and where it went: version, run, data snapshots, git commits,
 * deployments.
 *
 * @param version the version
 * @param run the run that produced it, or null when it was registered from a file without one
 * @param snapshots the data snapshots behind it
 * @param deployments where it is deployed
 */
public record Lineage(
        ModelVersion version, RunLineage run, List<SnapshotLineage> snapshots, List<Deployment> deployments)
        implements Serializable {
    /** Validates the lineage and copies its lists. */
    public Lineage {
        Objects.requireNonNull(version, "version");
        snapshots = List.copyOf(snapshots);
        deployments = List.copyOf(deployments);
    }
}
