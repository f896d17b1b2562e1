package io.mlops.registry;

import io.mlops.error.UserError;

/**
 * A model the registry was asked to create exists already; HTTP front ends answer it with
 * {@code RESOURCE_ALREADY_EXISTS}, which MLflow's {@code register_model} expects and goes on from.
 */
public final class DuplicateRegistryEntry extends UserError {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what exists already
     */
    public DuplicateRegistryEntry(String message) {
        super(message);
    }
}
