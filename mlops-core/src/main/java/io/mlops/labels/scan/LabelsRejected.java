package io.mlops.labels.scan;

import io.mlops.error.UserError;
import io.mlops.labels.Finding;
import io.mlops.labels.Severity;
import io.mlops.labels.check.ValidationReport;
import java.util.stream.Collectors;

/** Labels with errors were refused, and nothing was written or recorded; carries the full report. */
public final class LabelsRejected extends UserError {
    private static final long serialVersionUID = 1L;
    private static final int NAMED = 5;

    private final ValidationReport report;

    /**
     * Creates the error.
     *
     * @param report the validation that failed
     * @param consequence what was not done, e.g. {@code nothing was recorded}
     */
    public LabelsRejected(ValidationReport report, String consequence) {
        super(message(report, consequence));
        this.report = report;
    }

    /**
     * The validation that failed.
     *
     * @return the report, with every kind of finding counted
     */
    public ValidationReport report() {
        return report;
    }

    private static String message(ValidationReport report, String consequence) {
        String first = report.findings().stream()
                .filter(finding -> finding.severity() == Severity.ERROR)
                .limit(NAMED)
                .map(Finding::toString)
                .collect(Collectors.joining("\n  "));
        return report.labels() + " has " + report.errors() + (report.errors() == 1 ? " error" : " errors")
                + (report.strict() ? " (warnings count as errors with --strict)" : "") + "; " + consequence
                + ". First:\n  " + first;
    }
}
