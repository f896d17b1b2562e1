package io.mlops.tracking;

import java.io.Serializable;
import java.util.Objects;

/**
 * A key and a string value on a run, an experiment or a dataset input; a tag may change.
 *
 * @param key the name
 * @param value the value
 */
public record Tag(String key, String value) implements Serializable {
    /** Validates the tag. */
    public Tag {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
    }
}
