package io.mlops.protocol.admin;

/** Where a model version is in its life on the agent. */
public enum VersionState {
    /** Unpacked, being loaded by its backend and warmed up. */
    LOADING,
    /** Loaded and warmed up: takes requests. */
    READY,
    /** Its backend could not load it, or its warm-up failed; the error says why. */
    FAILED
}
