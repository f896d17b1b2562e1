package io.mlops.jenkins;

import hudson.AbortException;
import io.mlops.error.UserError;

/**
 * Turns what the suite reports as a user's mistake into a build failure with its one-line
 * message (no stack trace), however deeply remoting wrapped it on the way back from the agent.
 */
public final class StepFailures {
    private StepFailures() {}

    /**
     * Finds the user's error behind a failure.
     *
     * @param failure what the work threw
     * @return an AbortException with the suite's message, or the failure itself when it is not one
     */
    public static Exception explain(Exception failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UserError || cause instanceof AbortException) {
                return new AbortException(cause.getMessage());
            }
        }
        return failure;
    }
}
