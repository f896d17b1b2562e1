package io.mlops.tracking;

import java.util.List;
import java.util.Objects;

/**
 * What a client asks for when it starts a run.
 *
 * @param experimentId the experiment; empty means the Default experiment
 * @param userId who starts it
 * @param startTime when it started, in milliseconds since the epoch
 * @param runName a display name, or null to take the {@code mlflow.runName} tag or a generated one
 * @param tags tags to set from the start
 */
public record NewRun(String experimentId, String userId, long startTime, String runName, List<Tag> tags) {
    /** Validates the request. */
    public NewRun {
        Objects.requireNonNull(experimentId, "experimentId");
        Objects.requireNonNull(userId, "userId");
        tags = List.copyOf(tags);
    }
}
