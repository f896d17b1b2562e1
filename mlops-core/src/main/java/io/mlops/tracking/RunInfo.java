package io.mlops.tracking;

import java.io.Serializable;
import java.util.Objects;

/**
 * What a run is, apart from what it logged.
 *
 * @param runId 32 hex digits
 * @param experimentId the experiment it belongs to
 * @param runName its display name (unique names are not required)
 * @param userId who started it
 * @param status where it stands
 * @param startTime when it started, in milliseconds since the epoch
 * @param endTime when it ended, or null while it runs
 * @param artifactUri where its artifacts live, {@code mlflow-artifacts:/<experiment>/<run>/artifacts}
 * @param lifecycleStage active or deleted
 */
public record RunInfo(
        String runId,
        String experimentId,
        String runName,
        String userId,
        RunStatus status,
        long startTime,
        Long endTime,
        String artifactUri,
        LifecycleStage lifecycleStage)
        implements Serializable {
    /** Validates the info. */
    public RunInfo {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(experimentId, "experimentId");
        Objects.requireNonNull(runName, "runName");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(artifactUri, "artifactUri");
        Objects.requireNonNull(lifecycleStage, "lifecycleStage");
    }
}
