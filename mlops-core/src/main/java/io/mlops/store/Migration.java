package io.mlops.store;

import java.util.Objects;

/**
 * One versioned schema change: a SQL script on the classpath applied once, in version order.
 *
 * <p>The script is portable SQL unless a dialect has its own beside it, in a directory named after
 * the dialect: {@code io/mlops/store/postgresql/V3__tracking.sql} replaces
 * {@code io/mlops/store/V3__tracking.sql} on PostgreSQL. One list of versions, several dialects.
 *
 * @param version the schema version this script brings the database to
 * @param description what the change is for
 * @param resource the classpath resource holding the SQL statements, separated by semicolons
 */
public record Migration(int version, String description, String resource) {
    /** Validates the migration. */
    public Migration {
        if (version < 1) {
            throw new IllegalArgumentException("migration versions start at 1: " + version);
        }
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(resource, "resource");
    }

    /**
     * The script to run on a dialect: its own when there is one, else the portable one.
     *
     * @param dialect the database's dialect
     * @return a classpath resource name
     */
    public String resourceFor(Dialect dialect) {
        int slash = resource.lastIndexOf('/');
        String own = resource.substring(0, slash + 1) + dialect.directoryName() + "/" + resource.substring(slash + 1);
        return Migration.class.getClassLoader().getResource(own) != null ? own : resource;
    }
}
