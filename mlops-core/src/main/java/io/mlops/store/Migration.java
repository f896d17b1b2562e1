package io.mlops.store;

import java.util.Objects;

/**
 * One versioned schema change: a SQL script on the classpath applied once, in version order.
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
}
