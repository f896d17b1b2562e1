package io.mlops.registry;

/** The state of a model version on one serving backend and node. */
public enum DeploymentStatus {
    /** Being rolled out. */
    PENDING,
    /** Serving requests. */
    RUNNING,
    /** The rollout or the serving process failed. */
    FAILED,
    /** Served for a while, then taken back by a rollback (the agent's automatic one, or a person's). */
    ROLLED_BACK,
    /** Taken down on purpose. */
    STOPPED
}
