package io.mlops.tracking;

/** Where a run stands, as MLflow's {@code RunStatus}. */
public enum RunStatus {
    /** Started and not yet ended. */
    RUNNING,
    /** Queued to start. */
    SCHEDULED,
    /** Ended successfully. */
    FINISHED,
    /** Ended with an error. */
    FAILED,
    /** Stopped from outside. */
    KILLED;

    /**
     * Whether the run has ended.
     *
     * @return true for FINISHED, FAILED and KILLED
     */
    public boolean ended() {
        return this == FINISHED || this == FAILED || this == KILLED;
    }
}
