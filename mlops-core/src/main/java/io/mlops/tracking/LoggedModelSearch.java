package io.mlops.tracking;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * A search for logged models (MLflow's {@code SearchLoggedModels}).
 *
 * @param experimentIds the experiments to search
 * @param filter MLflow's filter string, blank for none
 * @param datasets when not empty, metric conditions consider only points measured on these datasets
 * @param orderBy the sort keys, first first
 * @param maxResults the page size
 * @param pageToken where the page starts, or null
 */
public record LoggedModelSearch(
        List<String> experimentIds,
        String filter,
        List<DatasetRef> datasets,
        List<Order> orderBy,
        int maxResults,
        String pageToken)
        implements Serializable {
    /** MLflow's default page size for logged models. */
    public static final int DEFAULT_MAX_RESULTS = 100;

    /** Copies the lists. */
    public LoggedModelSearch {
        experimentIds = List.copyOf(experimentIds);
        filter = filter == null ? "" : filter;
        datasets = List.copyOf(datasets);
        orderBy = List.copyOf(orderBy);
    }

    /**
     * A dataset metric conditions are restricted to.
     *
     * @param name its name
     * @param digest its digest, or null for any
     */
    public record DatasetRef(String name, String digest) implements Serializable {
        /** Validates the reference. */
        public DatasetRef {
            Objects.requireNonNull(name, "name");
            digest = digest == null || digest.isEmpty() ? null : digest;
        }
    }

    /**
     * One sort key.
     *
     * @param field e.g. {@code creation_timestamp} or {@code metrics.accuracy}
     * @param ascending the direction
     * @param datasetName for a metric: only points measured on this dataset, or null
     * @param datasetDigest for a metric: only points of this dataset digest, or null
     */
    public record Order(String field, boolean ascending, String datasetName, String datasetDigest)
            implements Serializable {
        /** Validates the key. */
        public Order {
            Objects.requireNonNull(field, "field");
            datasetName = datasetName == null || datasetName.isEmpty() ? null : datasetName;
            datasetDigest = datasetDigest == null || datasetDigest.isEmpty() ? null : datasetDigest;
        }
    }
}
