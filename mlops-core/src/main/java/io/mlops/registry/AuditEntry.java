package io.mlops.registry;

import java.io.Serializable;
import java.util.Objects;

/**
 * One line of the registry's append-only audit log.
 *
 * @param id the entry's position in the log, increasing
 * @param model the registered model changed
 * @param action what kind of change
 * @param actor who made it
 * @param at when, milliseconds since the epoch
 * @param from the state before (e.g. the version an alias held), or null
 * @param to the state after, or null
 * @param reason why, or null
 */
public record AuditEntry(
        long id, String model, AuditAction action, String actor, long at, String from, String to, String reason)
        implements Serializable {
    /** Validates the entry. */
    public AuditEntry {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(actor, "actor");
    }
}
