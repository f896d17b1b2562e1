package io.mlops.monitor;

import java.util.Objects;

/**
 * An alert's state on one endpoint as the store keeps it: the latest change and since when it holds.
 *
 * @param change the latest change (firing or resolved), with the values measured then
 * @param since when it changed, epoch milliseconds
 * @param pendingMark the event stream's mark before the change was announced, while the
 *     announcement is not confirmed; null once it is
 */
public record AlertState(AlertChange change, long since, Long pendingMark) {
    /** Validates the state. */
    public AlertState {
        Objects.requireNonNull(change, "change");
    }

    /**
     * Whether the alert fires.
     *
     * @return true from its firing change until it resolves
     */
    public boolean firing() {
        return change.firing();
    }
}
