package io.mlops.agent.serve;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Which versions of a model take the requests that name no version: the primary, and optionally a
 * canary that takes a share of them. Immutable, so a switch replaces the whole routing at once.
 *
 * @param primary the version serving traffic, or null before the first switch
 * @param canary the version on trial, or null
 * @param canaryPercent the share of requests the canary takes, 0 to 99
 * @param previous the version that served before the primary, where a rollback goes; or null
 * @param generation increases with every change, so a background watch can tell it is out of date
 */
public record Routing(String primary, String canary, int canaryPercent, String previous, long generation) {
    /** Validates the share. */
    public Routing {
        if (canaryPercent < 0 || canaryPercent > 99 || (canary == null && canaryPercent != 0)) {
            throw new IllegalArgumentException("canary share " + canaryPercent + "% for canary " + canary);
        }
    }

    /**
     * The routing of a model that serves nothing yet.
     *
     * @return the empty routing
     */
    public static Routing none() {
        return new Routing(null, null, 0, null, 0);
    }

    /**
     * Picks the version for one request.
     *
     * @return the canary for its share of requests, else the primary (null when nothing serves)
     */
    public String pick() {
        if (canary != null && ThreadLocalRandom.current().nextInt(100) < canaryPercent) {
            return canary;
        }
        return primary;
    }

    /**
     * Whether a version takes traffic under this routing.
     *
     * @param version the version
     * @return true for the primary and the canary
     */
    public boolean serves(String version) {
        return version.equals(primary) || version.equals(canary);
    }
}
