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
     * The saved state with the deployment that was under way taken back: versions uploaded and not
     * switched to, and the version whose watch had not ended, become FAILED; a watched canary is
     * dropped, a watched full switch goes back to the version before.
     *
     * @param nowMillis when the agent restarted, for the rollback it records
     * @return the state to restore
     */
    public ServingState afterRestart(long nowMillis) {
        Map<String, String> takenBack = new TreeMap<>(failed);
        for (String version : deploying()) {
            takenBack.put(
                    version,
                    "the agent restarted during the deployment of version " + version
                            + " (uploaded, not yet switched to); it was taken back");
        }
        String primary = primary();
        String previous = previous();
        String canary = canary();
        int percent = canaryPercent();
        Rollback rollback = lastRollback();
        ServingState.Watch watch = watch();
        if (watch != null) {
            String reason = "the agent restarted during the deployment of version " + watch.version()
                    + " (its watch had not ended); it was rolled back";
            if (watch.version().equals(canary)) {
                takenBack.put(canary, reason);
                rollback = new Rollback(canary, primary, reason, nowMillis);
                canary = null;
                percent = 0;
            } else if (watch.version().equals(primary) && previous != null) {
                takenBack.put(primary, reason);
                rollback = new Rollback(primary, previous, reason, nowMillis);
                primary = previous;
                previous = null;
            }
        }
        for (String version : takenBack.keySet()) {
            if (version.equals(previous)) {
                previous = null;
            }
        }
        return new ServingState(primary, previous, canary, percent, null, List.of(), takenBack, rollback);
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
