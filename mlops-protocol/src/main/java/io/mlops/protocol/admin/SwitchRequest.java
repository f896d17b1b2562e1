package io.mlops.protocol.admin;

import io.mlops.error.UserError;

/**
 * A request to send a model's traffic to a version: the body of the admin API's {@code POST
 * /admin/models/<model>/switch}, written by {@code mlops deploy}, read by the agent.
 *
 * @param version the version to switch to
 * @param canaryPercent 100 for an atomic full switch, less for that share of requests
 * @param watchSeconds how long to watch the new version's error rate (0: no watch)
 * @param maxErrorRate the error rate over at least {@link #MIN_WATCHED_REQUESTS} requests that
 *     rolls it back
 */
public record SwitchRequest(String version, int canaryPercent, int watchSeconds, double maxErrorRate) {
    /** The fewest requests the watch judges an error rate on. */
    public static final int MIN_WATCHED_REQUESTS = 20;

    /** Validates the request. */
    public SwitchRequest {
        VersionNumber.check(version);
        if (canaryPercent < 1 || canaryPercent > 100) {
            throw new UserError("canaryPercent must be 1 to 100, not " + canaryPercent);
        }
        if (watchSeconds < 0) {
            throw new UserError("watchSeconds must be 0 or more, not " + watchSeconds);
        }
        if (!(maxErrorRate >= 0 && maxErrorRate <= 1)) {
            throw new UserError("maxErrorRate must be between 0 and 1, not " + maxErrorRate);
        }
    }
}
