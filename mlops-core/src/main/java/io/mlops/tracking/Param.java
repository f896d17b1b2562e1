package io.mlops.tracking;

import java.io.Serializable;
import java.util.Objects;

/**
 * A run's input setting, e.g. a learning rate. Once logged it never changes: logging the same key
 * again with another value is an error, with the same value a no-op.
 *
 * @param key the name
 * @param value the value as text
 */
public record Param(String key, String value) implements Serializable {
    /** Validates the param. */
    public Param {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }
}
