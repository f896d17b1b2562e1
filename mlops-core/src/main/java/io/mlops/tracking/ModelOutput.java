package io.mlops.tracking;

import java.io.Serializable;
import java.util.Objects;

/**
 * A logged model a run produced, at a step (MLflow's {@code ModelOutput}).
 *
 * @param modelId the logged model
 * @param step the step of the run that produced it
 */
public record ModelOutput(String modelId, long step) implements Serializable {
    /** Validates the output. */
    public ModelOutput {
        Objects.requireNonNull(modelId, "modelId");
    }
}
