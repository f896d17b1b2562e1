package io.mlops.trigger;

import io.mlops.error.UserError;

/**
 * An authenticated webhook delivery whose body is not what its tool sends (not JSON, or lacking the
 * fields every delivery has): answered with 400, nothing recorded.
 */
public final class MalformedWebhook extends UserError {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the failure.
     *
     * @param message what is wrong with the body, for the sender's log
     */
    public MalformedWebhook(String message) {
        super(message);
    }
}
