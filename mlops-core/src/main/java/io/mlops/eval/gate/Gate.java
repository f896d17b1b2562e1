package io.mlops.eval.gate;

import io.mlops.error.UserError;
import java.io.Serializable;
import java.util.Map;

/**
 * A condition a model must meet: {@code metric OP number}, or {@code metric OP baseline [+|-
 * number]} against the same metric of a baseline model.
 *
 * @param expression the text as written, for the verdict
 * @param metric the metric's name, e.g. {@code accuracy} or {@code AP[person]}
 * @param comparison the operator
 * @param onBaseline whether the threshold is the baseline's value of the metric plus {@code offset}
 * @param offset the threshold, or the amount added to the baseline's value
 */
public record Gate(String expression, String metric, Comparison comparison, boolean onBaseline, double offset)
        implements Serializable {
    /** The operators a gate can use. */
    public enum Comparison {
        /** At least. */
        GE(">="),
        /** More than. */
        GT(">"),
        /** At most. */
        LE("<="),
        /** Less than. */
        LT("<"),
        /** Exactly. */
        EQ("==");

        private final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        /**
         * The operator as written.
         *
         * @return e.g. {@code >=}
         */
        public String symbol() {
            return symbol;
        }

        boolean holds(double value, double threshold) {
            return switch (this) {
                case GE -> value >= threshold;
                case GT -> value > threshold;
                case LE -> value <= threshold;
                case LT -> value < threshold;
                case EQ -> value == threshold;
            };
        }
    }

    /**
     * Parses a gate expression.
     *
     * @param expression e.g. {@code accuracy >= baseline - 0.01}
     * @return the gate
     * @throws UserError pointing at the column of a syntax error
     */
    public static Gate parse(String expression) {
        return new GateParser(expression).parse();
    }

    /**
     * Checks the gate.
     *
     * @param metrics the model's metrics by name
     * @param baseline the baseline model's metrics, or null without a baseline
     * @return the outcome with value and threshold
     * @throws UserError when the metric is unknown or a baseline is needed but missing
     */
    public GateResult check(Map<String, Double> metrics, Map<String, Double> baseline) {
        Double value = metrics.get(metric);
        if (value == null) {
            throw new UserError(
                    "gate '" + expression + "': no metric '" + metric + "'; this evaluation has " + metrics.keySet());
        }
        double threshold = offset;
        if (onBaseline) {
            if (baseline == null) {
                throw new UserError(
                        "gate '" + expression + "' compares with the baseline: give --baseline MODEL|alias");
            }
            Double base = baseline.get(metric);
            if (base == null) {
                throw new UserError("gate '" + expression + "': the baseline has no metric '" + metric + "'");
            }
            threshold = base + offset;
        }
        return new GateResult(
                expression,
                metric,
                value,
                comparison.symbol(),
                threshold,
                !Double.isNaN(value) && comparison.holds(value, threshold));
    }
}
