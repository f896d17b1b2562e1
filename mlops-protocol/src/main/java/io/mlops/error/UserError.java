package io.mlops.error;

/**
 * A failure the user caused and can fix: a bad path, a corrupt object, a conflicting file.
 *
 * <p>The message alone must tell what went wrong and where; front ends print it without a stack
 * trace (the CLI exits with status 1, a Jenkins step fails the build with it).
 */
public class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an error with a message that names what is wrong and where.
     *
     * @param message what went wrong and where, for a person to read
     */
    public UserError(String message) {
        super(message);
    }

    /**
     * Creates an error with a message and the low-level cause kept for diagnostics.
     *
     * @param message what went wrong and where, for a person to read
     * @param cause the underlying exception
     */
    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
