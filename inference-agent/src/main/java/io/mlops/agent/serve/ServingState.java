package io.mlops.agent.serve;

import io.mlops.protocol.admin.Rollback;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a model serves, as the agent saves it in {@value ServingStateFile#FILE_NAME} beside the
 * model's versions after every step that changes it, and restores on start.
 *
 * @param primary the version taking the traffic, or null
 * @param previous where a rollback goes, or null
 * @param canary the version on trial, or null
 * @param canaryPercent the canary's share of requests
 * @param watch the watch under way when the state was saved, or null
 * @param deploying versions uploaded (loading, or ready and not yet switched to)
 * @param failed versions taken back because a deployment of them was interrupted, with the reason
 * @param lastRollback the latest rollback, or null
 */
public record ServingState(
        String primary,
        String previous,
        String canary,
        int canaryPercent,
        Watch watch,
        List<String> deploying,
        Map<String, String> failed,
        Rollback lastRollback) {
    /** Copies the collections. */
    public ServingState {
        deploying = deploying == null ? List.of() : List.copyOf(deploying);
        failed = failed == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(failed));
    }

    /**
     * A watch under way.
     *
     * @param version the version watched (the canary, or the primary after a full switch)
     * @param deadlineMillis when it ends, in milliseconds since the epoch
     * @param maxErrorRate the error rate that rolls the version back
     */
    public record Watch(String version, long deadlineMillis, double maxErrorRate) {}
}
