package io.mlops.registry;

import io.mlops.error.UserError;
import java.io.Serializable;

/**
 * Who makes a change to the registry and why, as the audit log records it.
 *
 * @param actor the person or system making the change (a Jenkins user, a token's owner)
 * @param reason why, in the actor's words; null when none was given
 */
public record Change(String actor, String reason) implements Serializable {
    /** Validates the change. */
    public Change {
        if (actor == null || actor.isBlank()) {
            throw new UserError("a registry change needs the name of who makes it");
        }
        if (reason != null && reason.isBlank()) {
            reason = null;
        }
    }

    /**
     * A change without a stated reason.
     *
     * @param actor who makes it
     * @return the change
     */
    public static Change by(String actor) {
        return new Change(actor, null);
    }
}
