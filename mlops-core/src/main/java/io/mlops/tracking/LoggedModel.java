package io.mlops.tracking;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * A model MLflow 3 logged: its own id ({@code m-<hex>}), artifacts under its own location, status,
 * tags, params and the metric points linked to it.
 *
 * @param id the id, {@code m-} and 32 hex digits
 * @param experimentId the experiment
 * @param name its name
 * @param artifactLocation where its files are, {@code <experiment location>/models/<id>/artifacts}
 * @param creationTime milliseconds since the epoch
 * @param lastUpdatedTime milliseconds since the epoch
 * @param status where its upload is
 * @param statusMessage a note on the status, or null
 * @param lifecycleStage active or deleted
 * @param modelType a free-form type, or null
 * @param sourceRunId the run that produced it, or null
 * @param tags its tags
 * @param params its params
 * @param metrics the metric points linked to it
 */
public record LoggedModel(
        String id,
        String experimentId,
        String name,
        String artifactLocation,
        long creationTime,
        long lastUpdatedTime,
        LoggedModelStatus status,
        String statusMessage,
        LifecycleStage lifecycleStage,
        String modelType,
        String sourceRunId,
        List<Tag> tags,
        List<Param> params,
        List<ModelMetric> metrics)
        implements Serializable {
    /** Validates the model and copies its lists. */
    public LoggedModel {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(experimentId, "experimentId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(artifactLocation, "artifactLocation");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(lifecycleStage, "lifecycleStage");
        tags = List.copyOf(tags);
        params = List.copyOf(params);
        metrics = List.copyOf(metrics);
    }
}
