package io.mlops.registry;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One registered version of a model: immutable content, plus a status and the aliases pointing
 * at it.
 *
 * @param model the registered model's name
 * @param version the version number, from 1 within the model
 * @param source where its bytes came from, with their hash
 * @param runId the tracking run that produced it, or null
 * @param snapshotIds the data snapshots behind it
 * @param metrics its evaluation metrics
 * @param card its model card fields
 * @param description a note about it; empty when none
 * @param status ready or archived
 * @param createdBy who registered it
 * @param createdAt when, milliseconds since the epoch
 * @param aliases the aliases that point at it, sorted
 */
public record ModelVersion(
        String model,
        int version,
        SourceArtifact source,
        String runId,
        List<String> snapshotIds,
        Map<String, Double> metrics,
        ModelCardFields card,
        String description,
        VersionStatus status,
        String createdBy,
        long createdAt,
        List<String> aliases)
        implements Serializable {
    /** Validates the version and copies its collections. */
    public ModelVersion {
        ModelNames.check(model);
        if (version < 1) {
            throw new IllegalArgumentException("versions start at 1: " + version);
        }
        Objects.requireNonNull(source, "source");
        snapshotIds = List.copyOf(snapshotIds);
        metrics = Map.copyOf(metrics);
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdBy, "createdBy");
        aliases = List.copyOf(aliases);
    }
}
