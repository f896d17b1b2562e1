package io.mlops.tracking;

import java.util.List;
import java.util.Objects;

/**
 * A search for experiments, as MLflow's {@code SearchExperiments} request.
 *
 * @param viewType active, deleted or all experiments
 * @param maxResults the page size
 * @param filter an MLflow filter expression on {@code name} and {@code tags.*}; empty for all
 * @param orderBy e.g. {@code name ASC}; empty for newest first
 * @param pageToken where the page starts, or null for the first page
 */
public record ExperimentSearch(
        ViewType viewType, int maxResults, String filter, List<String> orderBy, String pageToken) {
    /** Validates the search. */
    public ExperimentSearch {
        Objects.requireNonNull(viewType, "viewType");
        Objects.requireNonNull(filter, "filter");
        orderBy = List.copyOf(orderBy);
    }
}
