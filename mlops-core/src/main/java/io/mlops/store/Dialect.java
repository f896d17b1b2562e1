package io.mlops.store;

/**
 * The SQL dialects the metadata store speaks. Most statements are portable; where they are not,
 * a migration has a per-dialect script and queries ask the dialect.
 */
public enum Dialect {
    /** The embedded default: one file, several writers through WAL mode. */
    SQLITE,
    /** For teams that share one store between controllers or outgrow one machine. */
    POSTGRESQL;

    /**
     * The directory name of this dialect's migration scripts, beside the portable ones.
     *
     * @return e.g. {@code postgresql}
     */
    public String directoryName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
