package io.mlops.eval;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A candidate's metrics next to production's, one row per metric with the difference. Per-class
 * metrics ({@code recall[cat]}) are left out: a comment lists the model's figures, the evaluation page
 * has the details.
 *
 * @param rows the candidate's metrics in its report's order, then any only production has
 * @param hasProduction whether there was a production version to compare with
 */
public record MetricComparison(List<Row> rows, boolean hasProduction) {
    /** Copies the rows. */
    public MetricComparison {
        rows = List.copyOf(rows);
    }

    /**
     * One metric.
     *
     * @param metric its name
     * @param candidate the candidate's value, or null when only production has it
     * @param production production's value, or null when production lacks it (or there is none)
     */
    public record Row(String metric, Double candidate, Double production) {
        /**
         * The candidate's value less production's.
         *
         * @return the difference, or null when either is missing
         */
        public Double delta() {
            return candidate == null || production == null ? null : candidate - production;
        }
    }

    /**
     * Compares.
     *
     * @param candidate the candidate's metrics
     * @param production production's metrics, or null when nothing is in production yet
     * @return the comparison
     */
    public static MetricComparison of(Map<String, Double> candidate, Map<String, Double> production) {
        Set<String> names = new LinkedHashSet<>(candidate.keySet());
        if (production != null) {
            names.addAll(production.keySet());
        }
        List<Row> rows = new ArrayList<>();
        for (String name : names) {
            if (!name.contains("[")) {
                rows.add(new Row(name, candidate.get(name), production == null ? null : production.get(name)));
            }
        }
        return new MetricComparison(rows, production != null);
    }
}
