package io.mlops.registry;

import io.mlops.error.UserError;
import java.io.Serial;

/**
 * A change the registry refuses because of the state it is in, not because of how it was asked:
 * archiving a version an alias points at, moving an alias to an archived version, rolling back an
 * alias that held no version before. HTTP front ends answer it with 409.
 */
public final class RegistryConflict extends UserError {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the error.
     *
     * @param message what conflicts, and what to do first
     */
    public RegistryConflict(String message) {
        super(message);
    }
}
