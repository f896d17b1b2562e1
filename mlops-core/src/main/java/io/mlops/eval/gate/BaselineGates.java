package io.mlops.eval.gate;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The gates of an evaluation that has no baseline yet, split into those that can still be checked and
 * those that compare with the baseline ({@code metric OP baseline ...}) and are skipped. A model's
 * first evaluation in a pipeline has no production version to compare with; that is no reason to fail
 * it, but the skipped gates are named, so nobody mistakes the first verdict for a full one.
 *
 * @param kept the gates to check
 * @param skipped the baseline gates left out
 */
public record BaselineGates(List<Gate> kept, List<Gate> skipped) {
    /** Copies the lists. */
    public BaselineGates {
        kept = List.copyOf(kept);
        skipped = List.copyOf(skipped);
    }

    /**
     * Splits gates for an evaluation without a baseline.
     *
     * @param gates the gates as given
     * @return the gates to check and the baseline gates skipped
     */
    public static BaselineGates withoutBaseline(List<Gate> gates) {
        return new BaselineGates(
                gates.stream().filter(gate -> !gate.onBaseline()).toList(),
                gates.stream().filter(Gate::onBaseline).toList());
    }

    /**
     * The note for the build log or terminal.
     *
     * @param why why there is no baseline, e.g. {@code model 'persons' has no alias 'production' yet}
     * @return e.g. {@code no baseline (…): skipped 1 gate that compares with it: 'mAP50 >= baseline - 0.01'}
     */
    public String describe(String why) {
        if (skipped.isEmpty()) {
            return "no baseline (" + why + "); no gate compares with one";
        }
        return "no baseline (" + why + "): skipped " + skipped.size()
                + (skipped.size() == 1 ? " gate that compares" : " gates that compare") + " with it: "
                + skipped.stream().map(gate -> "'" + gate.expression() + "'").collect(Collectors.joining(", "));
    }
}
