package io.mlops.jenkins.steps;

import io.mlops.eval.gate.GateResult;

/**
 * One gate's outcome as a build keeps it: a plain value (build.xml is written by XStream, which cannot
 * read Java records back), so pages and the REST API get the numbers, not a sentence.
 */
public final class GateOutcome {
    private final String gate;
    private final String metric;
    private final double value;
    private final String comparison;
    private final double threshold;
    private final boolean passed;

    private GateOutcome(GateResult result) {
        this.gate = result.gate();
        this.metric = result.metric();
        this.value = result.value();
        this.comparison = result.comparison();
        this.threshold = result.threshold();
        this.passed = result.passed();
    }

    static GateOutcome of(GateResult result) {
        return new GateOutcome(result);
    }

    /** @return the gate as written, e.g. {@code accuracy >= 0.9} */
    public String getGate() {
        return gate;
    }

    /** @return the metric */
    public String getMetric() {
        return metric;
    }

    /** @return the model's value of the metric */
    public double getValue() {
        return value;
    }

    /** @return the operator, e.g. {@code >=} */
    public String getComparison() {
        return comparison;
    }

    /** @return the value compared with (the baseline's plus the offset, for baseline gates) */
    public double getThreshold() {
        return threshold;
    }

    /** @return whether the gate held */
    public boolean isPassed() {
        return passed;
    }
}
