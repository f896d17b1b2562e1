package io.mlops.tracking;

/** Where a logged model is in its upload: MLflow's {@code LoggedModelStatus}, by its wire name and number. */
public enum LoggedModelStatus {
    /** Created; its artifacts are being uploaded. */
    LOGGED_MODEL_PENDING(1),
    /** Its artifacts are complete. */
    LOGGED_MODEL_READY(2),
    /** Logging it failed. */
    LOGGED_MODEL_UPLOAD_FAILED(3);

    private final int number;

    LoggedModelStatus(int number) {
        this.number = number;
    }

    /**
     * Reads a status as MLflow's client sends it: its name or its protobuf number.
     *
     * @param text the name or number
     * @return the status
     * @throws TrackingError INVALID_PARAMETER_VALUE for anything else
     */
    public static LoggedModelStatus parse(String text) {
        for (LoggedModelStatus status : values()) {
            if (status.name().equals(text) || Integer.toString(status.number).equals(text)) {
                return status;
            }
        }
        throw TrackingError.invalid("Invalid logged model status '" + text + "': expected one of LOGGED_MODEL_PENDING,"
                + " LOGGED_MODEL_READY, LOGGED_MODEL_UPLOAD_FAILED.");
    }
}
