package io.mlops.eval.gate;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * The outcome of all gates: the model passes when every gate holds (and when there are none).
 *
 * @param results one per gate, in the order given
 */
public record Verdict(List<GateResult> results) implements Serializable {
    /** Copies the list. */
    public Verdict {
        results = List.copyOf(results);
    }

    /**
     * Checks gates.
     *
     * @param gates the gates
     * @param metrics the model's metrics
     * @param baseline the baseline's metrics, or null
     * @return the verdict
     */
    public static Verdict of(List<Gate> gates, Map<String, Double> metrics, Map<String, Double> baseline) {
        return new Verdict(gates.stream().map(g -> g.check(metrics, baseline)).toList());
    }

    /**
     * Whether every gate holds.
     *
     * @return true when passed
     */
    public boolean passed() {
        return results.stream().allMatch(GateResult::passed);
    }

    /**
     * The verdict for people: a line per gate, then PASSED or FAILED with the count.
     *
     * @return the lines
     */
    public String describe() {
        StringBuilder text = new StringBuilder();
        results.forEach(r -> text.append(r.describe()).append('\n'));
        long failed = results.stream().filter(r -> !r.passed()).count();
        text.append(
                results.isEmpty()
                        ? "no gates"
                        : failed == 0
                                ? "PASSED: all " + results.size() + " gates hold"
                                : "FAILED: " + failed + " of " + results.size() + " gates do not hold");
        return text.toString();
    }
}
