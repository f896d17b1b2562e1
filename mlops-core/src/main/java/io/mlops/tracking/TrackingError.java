package io.mlops.tracking;

import io.mlops.error.UserError;
import java.util.Objects;

/**
 * A tracking request that cannot be done, with the MLflow error code a client expects for it.
 * The message follows MLflow's wording where MLflow has one.
 */
public class TrackingError extends UserError {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    /**
     * Creates the error.
     *
     * @param code the protocol's error code
     * @param message what is wrong, for a person to read
     */
    public TrackingError(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    /**
     * A field breaks a rule or limit.
     *
     * @param message what is wrong
     * @return the error
     */
    public static TrackingError invalid(String message) {
        return new TrackingError(ErrorCode.INVALID_PARAMETER_VALUE, message);
    }

    /**
     * Something asked for does not exist.
     *
     * @param message what is missing
     * @return the error
     */
    public static TrackingError notFound(String message) {
        return new TrackingError(ErrorCode.RESOURCE_DOES_NOT_EXIST, message);
    }

    /**
     * The protocol's error code.
     *
     * @return the code
     */
    public ErrorCode code() {
        return code;
    }
}
