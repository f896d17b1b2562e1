package io.mlops.labels.scan;

import io.mlops.labels.check.ValidationReport;
import io.mlops.labels.format.WriteResult;
import java.io.Serializable;
import java.util.Objects;

/**
 * What a conversion did.
 *
 * @param report the validation of the input
 * @param written what was written, and what the target format could not hold
 */
public record ConversionResult(ValidationReport report, WriteResult written) implements Serializable {
    /** Validates the result. */
    public ConversionResult {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(written, "written");
    }
}
