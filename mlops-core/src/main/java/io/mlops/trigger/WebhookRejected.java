package io.mlops.trigger;

import io.mlops.error.UserError;

/** An incoming webhook that is not accepted: unsigned, forged, stale or malformed. */
public final class WebhookRejected extends UserError {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the rejection.
     *
     * @param message why, for the sender's log (never contains the secret)
     */
    public WebhookRejected(String message) {
        super(message);
    }
}
