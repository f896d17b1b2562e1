package io.mlops.tracking.track;

import io.mlops.tracking.Metric;
import io.mlops.tracking.RunStatus;
import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * How a tracked command went: the run it was recorded as and what the run holds at its end.
 *
 * @param experimentId the experiment's id
 * @param runId the run's id
 * @param runName the run's name
 * @param exitCode the command's exit status
 * @param status FINISHED for exit status 0, else FAILED (KILLED when tracking was interrupted)
 * @param metrics the latest point of each metric the command logged (system metrics left out)
 * @param artifacts the paths of the run's artifact files
 * @param durationMillis how long the command ran
 */
public record TrackResult(
        String experimentId,
        String runId,
        String runName,
        int exitCode,
        RunStatus status,
        List<Metric> metrics,
        List<String> artifacts,
        long durationMillis)
        implements Serializable {
    /** Validates the result. */
    public TrackResult {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(status, "status");
        metrics = List.copyOf(metrics);
        artifacts = List.copyOf(artifacts);
    }
}
