package io.mlops.registry;

/** The state of a model version on one serving backend and node. */
public enum DeploymentStatus {
    /** Being rolled out. */
    PENDING,
    /** Serving requests. */
    RUNNING,
    /** The rollout or the serving process failed. */
    FAILED,
    /** Taken down on purpose. */
    STOPPED
}
