package io.mlops.registry;

import java.io.Serializable;
import java.util.List;

/**
 * One page of the registered models that match a search, and how many match in all.
 *
 * @param models the page, sorted by name
 * @param total how many models match, on every page together
 */
public record ModelListing(List<ModelSummary> models, int total) implements Serializable {
    /** Validates the page and copies its list. */
    public ModelListing {
        models = List.copyOf(models);
        if (total < models.size()) {
            throw new IllegalArgumentException("a page of " + models.size() + " models out of " + total);
        }
    }
}
