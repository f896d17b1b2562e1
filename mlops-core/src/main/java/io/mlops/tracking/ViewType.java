package io.mlops.tracking;

/** Which experiments or runs a search sees, as MLflow's {@code ViewType}. */
public enum ViewType {
    /** Active ones only (the default). */
    ACTIVE_ONLY,
    /** Deleted ones only. */
    DELETED_ONLY,
    /** Both. */
    ALL;

    /**
     * Whether a search of this type sees something in a stage.
     *
     * @param stage the stage of an experiment or run
     * @return true when it is included
     */
    public boolean includes(LifecycleStage stage) {
        return switch (this) {
            case ACTIVE_ONLY -> stage == LifecycleStage.ACTIVE;
            case DELETED_ONLY -> stage == LifecycleStage.DELETED;
            case ALL -> true;
        };
    }
}
