package io.mlops.registry;

import java.util.ArrayList;
import java.util.List;

/**
 * The history of a model's aliases, read from its audit log: the log is the one record that says
 * who moved an alias and why, and it outlives the model.
 */
public final class StageHistory {
    // The audit log writes an alias state as "production -> v3" (see JdbcModelRegistry).
    private static final String POINTS_AT = " -> v";

    private StageHistory() {}

    /**
     * The alias changes among audit entries.
     *
     * @param audit a model's audit log, oldest first
     * @return its alias changes, oldest first
     */
    public static List<StageChange> of(List<AuditEntry> audit) {
        List<StageChange> history = new ArrayList<>();
        for (AuditEntry entry : audit) {
            StageChange.Kind kind = switch (entry.action()) {
                case ALIAS_SET -> entry.from() == null ? StageChange.Kind.SET : StageChange.Kind.MOVED;
                case ALIAS_ROLLED_BACK -> StageChange.Kind.ROLLBACK;
                case ALIAS_DELETED -> StageChange.Kind.DELETED;
                default -> null;
            };
            if (kind == null) {
                continue;
            }
            String state = entry.to() != null ? entry.to() : entry.from();
            if (state == null || !state.contains(POINTS_AT)) {
                continue;
            }
            history.add(new StageChange(
                    state.substring(0, state.lastIndexOf(POINTS_AT)),
                    version(entry.to()),
                    version(entry.from()),
                    kind,
                    entry.actor(),
                    entry.at(),
                    entry.reason()));
        }
        return history;
    }

    private static Integer version(String state) {
        if (state == null) {
            return null;
        }
        int at = state.lastIndexOf(POINTS_AT);
        if (at < 0) {
            return null;
        }
        try {
            return Integer.valueOf(state.substring(at + POINTS_AT.length()));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
