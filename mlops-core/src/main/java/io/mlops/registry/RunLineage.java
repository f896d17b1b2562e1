package io.mlops.registry;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;

/**
 * The tracking run behind a model version, as lineage shows it.
 *
 * @param runId the run's id
 * @param experimentId the experiment it belongs to
 * @param name the run's name
 * @param status the run's status, e.g. {@code FINISHED}
 * @param gitCommit the commit the training code was at, or null when not recorded
 * @param params the run's parameters
 * @param metrics the latest value of each of the run's metrics (NaN values left out)
 */
public record RunLineage(
        String runId,
        String experimentId,
        String name,
        String status,
        String gitCommit,
        Map<String, String> params,
        Map<String, Double> metrics)
        implements Serializable {
    /** Validates the run reference and copies its maps. */
    public RunLineage {
        params = Map.copyOf(params);
        metrics = Map.copyOf(metrics);
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(experimentId, "experimentId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(status, "status");
    }
}
