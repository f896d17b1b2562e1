package io.mlops.labels.check;

import io.mlops.labels.Finding;
import io.mlops.labels.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts every finding and keeps the details of the first few of each kind; thread-safe, as image
 * files are checked on several threads.
 */
final class Findings {
    private final boolean strict;
    private final int examplesPerCode;
    private final Map<String, Long> counts = new TreeMap<>();
    private final Map<String, Integer> kept = new HashMap<>();
    private final List<Finding> examples = new ArrayList<>();
    private final long[] bySeverity = new long[Severity.values().length];

    Findings(boolean strict, int examplesPerCode) {
        this.strict = strict;
        this.examplesPerCode = examplesPerCode;
    }

    /**
     * Records a finding, as an error when strict and it is a warning.
     *
     * @param finding what was found
     */
    synchronized void add(Finding finding) {
        Finding effective = strict && finding.severity() == Severity.WARNING ? finding.at(Severity.ERROR) : finding;
        bySeverity[effective.severity().ordinal()]++;
        counts.merge(effective.code(), 1L, Long::sum);
        int examplesSoFar = kept.getOrDefault(effective.code(), 0);
        if (examplesSoFar < examplesPerCode) {
            kept.put(effective.code(), examplesSoFar + 1);
            examples.add(effective);
        }
    }

    /**
     * How many findings of a severity were recorded.
     *
     * @param severity the severity
     * @return the count
     */
    synchronized long count(Severity severity) {
        return bySeverity[severity.ordinal()];
    }

    /**
     * The counts by code.
     *
     * @return a copy, sorted by code
     */
    synchronized Map<String, Long> counts() {
        return new TreeMap<>(counts);
    }

    /**
     * The kept findings, errors first, in the order found within a severity.
     *
     * @return a copy
     */
    synchronized List<Finding> examples() {
        List<Finding> sorted = new ArrayList<>(examples);
        sorted.sort(Comparator.comparing(Finding::severity));
        return sorted;
    }
}
