package io.mlops.protocol.admin;

import java.util.List;
import java.util.Map;

/**
 * A model as the admin API reports it: written by the agent, read by {@code mlops deploy}.
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
        versions = versions == null ? List.of() : List.copyOf(versions);
        drift = drift == null ? Map.of() : Map.copyOf(drift);
    }

    /**
     * One version's status.
     *
     * @param version the version
     * @return its status, or null when the agent does not hold it
     */
    public VersionStatus version(String version) {
        return versions.stream()
                .filter(v -> v.version().equals(version))
                .findFirst()
                .orElse(null);
    }
}
