package io.mlops.agent.serve;

import java.util.List;
import java.util.Map;

/**
 * A model as the admin API reports it.
 *
 * @param name the model
 * @param serving which versions take traffic
 * @param versions every version the agent holds, in version order
 * @param lastRollback the latest rollback, or null
 * @param drift per input, its drift figures (filled by a drift monitor when one is installed)
 */
public record ModelStatus(
        String name,
        ServingStatus serving,
        List<VersionStatus> versions,
        Rollback lastRollback,
        Map<String, Map<String, Object>> drift) {
    /** Copies the collections. */
    public ModelStatus {
        versions = List.copyOf(versions);
        drift = Map.copyOf(drift);
    }
}
