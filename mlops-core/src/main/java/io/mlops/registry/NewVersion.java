package io.mlops.registry;

import io.mlops.error.UserError;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What is needed to register a version of a model.
 *
 * @param model the registered model's name (it must exist)
 * @param source the version's bytes: where they came from and their hash
 * @param runId the tracking run that produced the model, or null
 * @param snapshotIds the data snapshots the model was trained or evaluated on
 * @param metrics evaluation metrics copied onto the version
 * @param card model card fields
 * @param description a note about this version; empty when none
 */
public record NewVersion(
        String model,
        SourceArtifact source,
        String runId,
        List<String> snapshotIds,
        Map<String, Double> metrics,
        ModelCardFields card,
        String description)
        implements Serializable {
    /** Validates the request and copies its collections. */
    public NewVersion {
        ModelNames.check(model);
        Objects.requireNonNull(source, "source");
        snapshotIds = List.copyOf(snapshotIds);
        for (String id : snapshotIds) {
            if (!id.matches("[0-9a-f]{32}")) {
                throw new UserError("'" + id + "' is no data snapshot id (32 lowercase hex digits)");
            }
        }
        metrics = Map.copyOf(metrics);
        metrics.forEach((key, value) -> {
            if (!Double.isFinite(value)) {
                throw new UserError("metric '" + key + "' of a model version must be a finite number, not " + value);
            }
        });
        card = card == null ? ModelCardFields.none() : card;
        description = description == null ? "" : description;
    }

    /**
     * A version with only its source, for a model registered by hand.
     *
     * @param model the registered model's name
     * @param source the version's bytes
     * @return the request
     */
    public static NewVersion of(String model, SourceArtifact source) {
        return new NewVersion(model, source, null, List.of(), Map.of(), ModelCardFields.none(), "");
    }
}
