package io.mlops.eval.gate;

import java.io.Serializable;
import java.util.Locale;

/**
 * How a model fared against one gate.
 *
 * @param gate the expression
 * @param metric the metric
 * @param value the model's value
 * @param comparison the operator
 * @param threshold the value it was compared with (the baseline's plus the offset, for baseline gates)
 * @param passed whether the gate holds
 */
public record GateResult(String gate, String metric, double value, String comparison, double threshold, boolean passed)
        implements Serializable {
    /**
     * One line for the verdict, e.g. {@code PASS accuracy = 0.9312 >= 0.9000 (accuracy >= 0.9)}.
     *
     * @return the line
     */
    public String describe() {
        return String.format(
                Locale.ROOT,
                "%s %s = %.6g %s %.6g%s",
                passed ? "PASS" : "FAIL",
                metric,
                value,
                passed ? comparison : "not " + comparison,
                threshold,
                "  (" + gate + ")");
    }
}
