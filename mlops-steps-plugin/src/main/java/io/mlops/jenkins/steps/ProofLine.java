package io.mlops.jenkins.steps;

import io.mlops.onnx.convert.OutputComparison;

/** How one output of a converted model compared with the source model's, as a build keeps it. */
public final class ProofLine {
    private final String output;
    private final int elements;
    private final int mismatches;
    private final double maxAbsoluteDifference;
    private final String worstIndex;
    private final String expected;
    private final String actual;
    private final double absoluteTolerance;
    private final double relativeTolerance;

    private ProofLine(OutputComparison comparison) {
        this.output = comparison.output();
        this.elements = comparison.elements();
        this.mismatches = comparison.mismatches();
        this.maxAbsoluteDifference = comparison.maxAbsoluteDifference();
        this.worstIndex = comparison.worstIndex();
        this.expected = comparison.expected();
        this.actual = comparison.actual();
        this.absoluteTolerance = comparison.tolerance().absolute();
        this.relativeTolerance = comparison.tolerance().relative();
    }

    static ProofLine of(OutputComparison comparison) {
        return new ProofLine(comparison);
    }

    /** @return the output's name */
    public String getOutput() {
        return output;
    }

    /** @return elements compared */
    public int getElements() {
        return elements;
    }

    /** @return elements outside the tolerance */
    public int getMismatches() {
        return mismatches;
    }

    /** @return whether every element was within the tolerance */
    public boolean isEqual() {
        return mismatches == 0;
    }

    /** @return the largest absolute difference */
    public double getMaxAbsoluteDifference() {
        return maxAbsoluteDifference;
    }

    /** @return where the difference was largest relative to the tolerance, e.g. {@code [3, 1]} */
    public String getWorstIndex() {
        return worstIndex;
    }

    /** @return the source model's value there */
    public String getExpected() {
        return expected;
    }

    /** @return the ONNX model's value there */
    public String getActual() {
        return actual;
    }

    /** @return the absolute tolerance applied */
    public double getAbsoluteTolerance() {
        return absoluteTolerance;
    }

    /** @return the relative tolerance applied */
    public double getRelativeTolerance() {
        return relativeTolerance;
    }
}
