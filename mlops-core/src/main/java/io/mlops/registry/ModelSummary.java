package io.mlops.registry;

import java.io.Serializable;
import java.util.Objects;

/**
 * A registered model as a list of models shows it: the model with how many versions it has and
 * the number of its newest.
 *
 * @param model the model with its tags and aliases
 * @param versionCount how many versions it has, archived ones included
 * @param latestVersion the highest version number, or null when it has none
 */
public record ModelSummary(RegisteredModel model, int versionCount, Integer latestVersion) implements Serializable {
    /** Validates the summary. */
    public ModelSummary {
        Objects.requireNonNull(model, "model");
        if (versionCount < 0) {
            throw new IllegalArgumentException("negative version count: " + versionCount);
        }
        if (latestVersion != null && latestVersion < 1) {
            throw new IllegalArgumentException("versions start at 1: " + latestVersion);
        }
    }
}
