package io.mlops.registry;

/** Whether a model version may still be promoted. */
public enum VersionStatus {
    /** Registered and usable: aliases may point at it. */
    READY,
    /** Retired: kept for its history, but no alias may move to it. */
    ARCHIVED
}
