package io.mlops.registry;

import io.mlops.error.UserError;

/** The rule for registered model names, shared by every record that carries one. */
final class ModelNames {
    private static final int MAX_LENGTH = 256;

    private ModelNames() {}

    static String check(String name) {
        if (name == null || name.isBlank()) {
            throw new UserError("a registered model needs a name");
        }
        if (name.length() > MAX_LENGTH || name.chars().anyMatch(Character::isISOControl)) {
            throw new UserError("'" + name + "' is no valid model name: at most " + MAX_LENGTH
                    + " characters, no control characters");
        }
        return name;
    }
}
