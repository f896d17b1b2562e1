package io.mlops.labels.scan;

import io.mlops.labels.card.DatasetCard;
import io.mlops.labels.check.ValidationReport;
import java.io.Serializable;
import java.util.Objects;

/**
 * What one read of labels found: the validation report and the dataset card.
 *
 * @param report the findings
 * @param card the statistics
 */
public record LabelScanResult(ValidationReport report, DatasetCard card) implements Serializable {
    /** Validates the result. */
    public LabelScanResult {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(card, "card");
    }
}
