package io.mlops.onnx.convert;

import java.io.Serializable;

/**
 * How one output of the ONNX model compared with the source model's.
 *
 * @param output the output's name
 * @param elements elements compared
 * @param mismatches elements outside the tolerance
 * @param maxAbsoluteDifference the largest absolute difference
 * @param worstIndex the index of the element furthest outside (or nearest to) the tolerance, e.g.
 *     {@code [3, 1]}
 * @param expected the source model's value there
 * @param actual the ONNX model's value there
 * @param tolerance the tolerance applied
 */
public record OutputComparison(
        String output,
        int elements,
        int mismatches,
        double maxAbsoluteDifference,
        String worstIndex,
        String expected,
        String actual,
        Tolerance tolerance)
        implements Serializable {
    /**
     * Whether every element was within the tolerance.
     *
     * @return true when equal
     */
    public boolean equal() {
        return mismatches == 0;
    }

    /**
     * One line for people.
     *
     * @return the comparison
     */
    public String describe() {
        return String.format(
                java.util.Locale.ROOT,
                "output '%s': %s, %d elements, max |diff| %.3g, worst at %s: source %s, onnx %s (%s)",
                output,
                equal() ? "equal" : mismatches + " mismatches",
                elements,
                maxAbsoluteDifference,
                worstIndex,
                expected,
                actual,
                tolerance);
    }
}
