package io.mlops.registry;

import java.io.Serializable;
import java.util.Objects;

/**
 * One change of an alias (a stage such as {@code production}) of a model, as its history shows it.
 *
 * @param alias the alias
 * @param version the version it points at after the change, or null when it was removed
 * @param previous the version it pointed at before, or null when it was new
 * @param kind what happened
 * @param actor who changed it
 * @param at when, milliseconds since the epoch
 * @param reason why, or null
 */
public record StageChange(
        String alias, Integer version, Integer previous, Kind kind, String actor, long at, String reason)
        implements Serializable {
    /** Validates the change. */
    public StageChange {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(actor, "actor");
    }

    /** What happened to the alias. */
    public enum Kind {
        /** It was set for the first time (or again after it was removed). */
        SET,
        /** It moved from one version to another. */
        MOVED,
        /** It moved back to the version it held before its last move. */
        ROLLBACK,
        /** It was removed. */
        DELETED
    }
}
