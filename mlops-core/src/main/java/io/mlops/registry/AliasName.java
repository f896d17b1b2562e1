package io.mlops.registry;

import io.mlops.error.UserError;
import java.io.Serializable;
import java.util.regex.Pattern;

/**
 * The name of an alias of a registered model, such as {@code production}, {@code staging} or
 * {@code champion}: letters, digits, underscores and hyphens.
 *
 * @param value the name
 */
public record AliasName(String value) implements Serializable {
    private static final Pattern VALID = Pattern.compile("[\\w-]+");

    /** Validates the name. */
    public AliasName {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new UserError("'" + value + "' is no valid alias name: use letters, digits, '_' and '-' only"
                    + " (e.g. production, staging, champion)");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
