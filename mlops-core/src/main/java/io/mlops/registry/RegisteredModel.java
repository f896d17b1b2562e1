package io.mlops.registry;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;

/**
 * A named model in the registry, the parent of its numbered versions.
 *
 * @param name the unique name
 * @param description what the model is for; empty when none was given
 * @param tags key-value labels
 * @param aliases the model's aliases and the version each points at
 * @param createdAt creation time, milliseconds since the epoch
 * @param lastUpdatedAt time of the last change to the model or its versions
 */
public record RegisteredModel(
        String name,
        String description,
        Map<String, String> tags,
        Map<String, Integer> aliases,
        long createdAt,
        long lastUpdatedAt)
        implements Serializable {
    /** Validates the model and copies its maps. */
    public RegisteredModel {
        ModelNames.check(name);
        Objects.requireNonNull(description, "description");
        tags = Map.copyOf(tags);
        aliases = Map.copyOf(aliases);
    }
}
