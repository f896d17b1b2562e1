package io.mlops.tracking;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * A named group of runs, e.g. one model being trained again and again.
 *
 * @param id the id: a decimal number, "0" for the Default experiment
 * @param name the unique name
 * @param artifactLocation where its runs' artifacts live, {@code mlflow-artifacts:/<id>}
 * @param lifecycleStage active or deleted
 * @param creationTime when it was created, in milliseconds since the epoch
 * @param lastUpdateTime when it last changed, in milliseconds since the epoch
 * @param tags its tags
 */
public record Experiment(
        String id,
        String name,
        String artifactLocation,
        LifecycleStage lifecycleStage,
        long creationTime,
        long lastUpdateTime,
        List<Tag> tags)
        implements Serializable {
    /** The id of the experiment every store has. */
    public static final String DEFAULT_ID = "0";

    /** The name of the experiment every store has. */
    public static final String DEFAULT_NAME = "Default";

    /** Validates the experiment. */
    public Experiment {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(artifactLocation, "artifactLocation");
        Objects.requireNonNull(lifecycleStage, "lifecycleStage");
        tags = List.copyOf(tags);
    }
}
