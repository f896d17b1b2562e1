package io.mlops.registry.http;

import io.mlops.tracking.TrackingError;
import java.util.List;

/** MLflow's model version stages, read as MLflow reads them: case-insensitive, written canonical. */
final class Stages {
    /** Every stage, in MLflow's order. */
    static final List<String> ALL = List.of("None", "Staging", "Production", "Archived");

    private Stages() {}

    static String canonical(String stage) {
        for (String known : ALL) {
            if (known.equalsIgnoreCase(stage.strip())) {
                return known;
            }
        }
        throw TrackingError.invalid(
                "Invalid Model Version stage: " + stage + ". Value must be one of " + String.join(", ", ALL) + ".");
    }
}
