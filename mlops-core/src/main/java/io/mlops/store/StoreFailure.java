package io.mlops.store;

import io.mlops.error.UserError;

/**
 * The metadata store failed. Its message names the store (a file path or a JDBC URL) and the
 * driver's words (often SQL), which belong in the operator's log and the CLI's output; a network
 * answer says only {@link #publicMessage()}, so that no client learns paths or SQL from an error.
 */
public class StoreFailure extends UserError {
    private static final long serialVersionUID = 1L;

    private final String publicMessage;

    /**
     * Creates the error.
     *
     * @param message what failed and where, without credentials
     * @param publicMessage what a network client may be told: no path, URL or SQL
     * @param cause the driver's exception
     */
    public StoreFailure(String message, String publicMessage, Throwable cause) {
        super(message, cause);
        this.publicMessage = publicMessage;
    }

    /**
     * The message for network clients.
     *
     * @return a message without paths, URLs or SQL
     */
    public String publicMessage() {
        return publicMessage;
    }
}
