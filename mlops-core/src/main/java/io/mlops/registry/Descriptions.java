package io.mlops.registry;

import io.mlops.error.UserError;

/**
 * The rule for model and version descriptions: at most {@value #MAX_LENGTH} characters, MLflow's
 * own limit (its schema stores them in {@code VARCHAR(5000)}), so that one request cannot store
 * megabytes that every listing then sends.
 */
final class Descriptions {
    /** The longest description. */
    static final int MAX_LENGTH = 5000;

    private Descriptions() {}

    static String check(String description) {
        if (description != null && description.length() > MAX_LENGTH) {
            throw new UserError("a description has at most " + MAX_LENGTH + " characters, not " + description.length());
        }
        return description;
    }
}
