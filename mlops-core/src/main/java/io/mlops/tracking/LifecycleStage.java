package io.mlops.tracking;

import java.util.Locale;

/** Whether an experiment or run is in use or deleted (deleted ones can be restored). */
public enum LifecycleStage {
    /** In use. */
    ACTIVE,
    /** Deleted, restorable. */
    DELETED;

    /**
     * The name on the wire and in the store.
     *
     * @return {@code active} or {@code deleted}
     */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Reads a stored stage.
     *
     * @param text {@code active} or {@code deleted}
     * @return the stage
     */
    public static LifecycleStage parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}
