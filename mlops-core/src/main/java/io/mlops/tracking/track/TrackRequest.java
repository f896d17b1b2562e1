package io.mlops.tracking.track;

import io.mlops.tracking.SnapshotInput;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to track: a command and where its run goes.
 *
 * @param experimentName the experiment, created when it does not exist
 * @param runName the run's name, or null for a generated one
 * @param snapshots the data snapshots the command reads
 * @param command the program and its arguments
 * @param workingDirectory where the command runs (its Git state is recorded)
 * @param environment the command's environment, before the tracking variables are added
 * @param sampleInterval how often to record system metrics
 */
public record TrackRequest(
        String experimentName,
        String runName,
        List<SnapshotInput> snapshots,
        List<String> command,
        Path workingDirectory,
        Map<String, String> environment,
        Duration sampleInterval) {
    /** Validates the request. */
    public TrackRequest {
        Objects.requireNonNull(experimentName, "experimentName");
        snapshots = List.copyOf(snapshots);
        command = List.copyOf(command);
        if (command.isEmpty()) {
            throw new IllegalArgumentException("a command to track is required");
        }
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        environment = Map.copyOf(environment);
        if (sampleInterval.isNegative() || sampleInterval.isZero()) {
            throw new IllegalArgumentException("the sample interval must be positive: " + sampleInterval);
        }
    }
}
