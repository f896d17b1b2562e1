package io.mlops.tracking;

import java.util.List;
import java.util.Objects;

/**
 * A search for runs, as MLflow's {@code SearchRuns} request.
 *
 * @param experimentIds the experiments to search
 * @param filter an MLflow filter expression, e.g. {@code metrics.loss < 0.5 and params.lr = '0.01'};
 *     empty for all
 * @param viewType active, deleted or all runs
 * @param maxResults the page size (at most 50,000)
 * @param orderBy e.g. {@code metrics.loss ASC}; empty for newest first
 * @param pageToken where the page starts, or null for the first page
 */
public record RunSearch(
        List<String> experimentIds,
        String filter,
        ViewType viewType,
        int maxResults,
        List<String> orderBy,
        String pageToken) {
    /** The largest page MLflow serves. */
    public static final int MAX_RESULTS = 50_000;

    /** Validates the search. */
    public RunSearch {
        experimentIds = List.copyOf(experimentIds);
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(viewType, "viewType");
        orderBy = List.copyOf(orderBy);
    }
}
