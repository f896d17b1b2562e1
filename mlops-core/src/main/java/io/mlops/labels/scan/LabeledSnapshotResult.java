package io.mlops.labels.scan;

import io.mlops.data.SnapshotResult;
import io.mlops.labels.card.RecordedCard;
import io.mlops.labels.check.ValidationReport;
import java.io.Serializable;
import java.util.Objects;

/**
 * What taking a snapshot with labels did.
 *
 * @param snapshot the snapshot taken
 * @param report the validation of its labels
 * @param card the dataset card recorded with it
 */
public record LabeledSnapshotResult(SnapshotResult snapshot, ValidationReport report, RecordedCard card)
        implements Serializable {
    /** Validates the result. */
    public LabeledSnapshotResult {
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(card, "card");
    }
}
