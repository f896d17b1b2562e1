package io.mlops.registry;

/** The kinds of change the registry's audit log records. */
public enum AuditAction {
    /** A registered model was created. */
    MODEL_CREATED,
    /** A model's description or tags changed. */
    MODEL_UPDATED,
    /** A registered model was deleted with its versions. */
    MODEL_DELETED,
    /** A version was registered. */
    VERSION_CREATED,
    /** A version's description changed. */
    VERSION_UPDATED,
    /** A version was archived. */
    VERSION_ARCHIVED,
    /** An alias was set or moved to a version. */
    ALIAS_SET,
    /** An alias was removed. */
    ALIAS_DELETED,
    /** An alias was moved back to the version it held before. */
    ALIAS_ROLLED_BACK,
    /** A deployment of a version was recorded or changed state. */
    DEPLOYMENT_CHANGED,
    /** A version deleted through MLflow's protocol; its number is not used again. */
    VERSION_DELETED
}
