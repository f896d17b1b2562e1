package io.mlops.cli.labels;

import io.mlops.labels.Finding;
import io.mlops.labels.check.ValidationReport;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** A validation report as people read it: what was read, the findings kept, and the counts. */
public final class ReportText {
    private ReportText() {}

    /**
     * A count with its noun, e.g. {@code 1 error} or {@code 1,204 errors}.
     *
     * @param count the count
     * @param noun the noun in the singular; the plural adds an s
     * @return the text
     */
    public static String count(long count, String noun) {
        return String.format(Locale.ROOT, "%,d %s%s", count, noun, count == 1 ? "" : "s");
    }

    /**
     * Formats a report.
     *
     * @param report the report
     * @return lines of text, findings errors first
     */
    public static String of(ValidationReport report) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(
                Locale.ROOT,
                "%s: %,d images, %,d objects, %,d image labels, %,d categories%s%n",
                report.labels(),
                report.images(),
                report.annotations(),
                report.imageLabels(),
                report.categories(),
                report.imagesOpened() ? "" : " (image files not opened)"));
        Map<String, Long> shown = new HashMap<>();
        for (Finding finding : report.findings()) {
            text.append(String.format(
                    Locale.ROOT,
                    "%-7s [%s] %s%s: %s%n",
                    finding.severity().label(),
                    finding.code(),
                    finding.where(),
                    finding.subject().isEmpty() ? "" : " " + finding.subject(),
                    finding.message()));
            shown.merge(finding.code(), 1L, Long::sum);
        }
        report.countsByCode().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(entry -> {
                    long more = entry.getValue() - shown.getOrDefault(entry.getKey(), 0L);
                    if (more > 0) {
                        text.append(
                                String.format(Locale.ROOT, "        ... and %,d more [%s]%n", more, entry.getKey()));
                    }
                });
        text.append(String.format(
                Locale.ROOT,
                "%s, %s, %s%s: %s",
                count(report.errors(), "error"),
                count(report.warnings(), "warning"),
                count(report.infos(), "info"),
                report.strict() ? " (strict: warnings count as errors)" : "",
                report.passed() ? "passed" : "FAILED"));
        return text.toString();
    }
}
