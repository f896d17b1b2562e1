package io.mlops.tracking;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * A dataset as an input of one run, with tags saying how it was used (e.g. training).
 *
 * @param dataset the dataset
 * @param tags tags of this use, e.g. {@code mlflow.data.context=training}
 */
public record DatasetInput(Dataset dataset, List<Tag> tags) implements Serializable {
    /** Validates the input. */
    public DatasetInput {
        Objects.requireNonNull(dataset, "dataset");
        tags = List.copyOf(tags);
    }
}
