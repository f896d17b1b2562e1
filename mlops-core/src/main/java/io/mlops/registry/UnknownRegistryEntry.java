package io.mlops.registry;

import io.mlops.error.UserError;

/**
 * A model, version, alias, run or artifact the registry was asked about does not exist; HTTP
 * front ends answer it with 404 ({@code RESOURCE_DOES_NOT_EXIST} in the MLflow protocol).
 */
public final class UnknownRegistryEntry extends UserError {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what is missing, and where it was looked for
     */
    public UnknownRegistryEntry(String message) {
        super(message);
    }
}
