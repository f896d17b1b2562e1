package io.mlops.tracking;

import java.io.Serializable;
import java.util.Objects;

/**
 * A metric point linked to a logged model: logged by a run with a {@code model_id}, optionally
 * measured on a dataset.
 *
 * @param modelId the logged model
 * @param runId the run that logged it
 * @param metric the point
 * @param datasetName the dataset it was measured on; empty when none
 * @param datasetDigest that dataset's digest; empty when none
 */
public record ModelMetric(String modelId, String runId, Metric metric, String datasetName, String datasetDigest)
        implements Serializable {
    /** Validates the point. */
    public ModelMetric {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(metric, "metric");
        datasetName = datasetName == null ? "" : datasetName;
        datasetDigest = datasetDigest == null ? "" : datasetDigest;
    }
}
