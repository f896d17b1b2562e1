package io.mlops.labels.scan;

import io.mlops.data.SnapshotResult;
import io.mlops.labels.card.RecordedCard;
import io.mlops.labels.check.ValidationReport;
import java.util.Objects;

/**
 * What taking a snapshot with labels did.
 *
 * <p>Not serializable, unlike the report and the card it holds: {@link SnapshotResult} is not.
 *
 * @param snapshot the snapshot taken
 * @param report the validation of its labels
 * @param card the dataset card recorded with it
 */
public record LabeledSnapshotResult(SnapshotResult snapshot, ValidationReport report, RecordedCard card) {
    /** Validates the result. */
    public LabeledSnapshotResult {
        Objects.requireNonNull(snapshot, "snapshot");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(card, "card");
    }
}
