package io.mlops.stats;

/**
 * The population stability index, PSI = sum over bins (or classes) of (after - before) ln(after /
 * before) on their shares. Rules of thumb: below 0.1 stable, 0.1 to 0.2 a moderate shift, above
 * 0.2 a significant one. Label drift uses it on class shares, the inference agent's input drift on
 * the bins of a feature's {@link Bins reference distribution}.
 *
 * <p>A class or bin absent from one side has share 0 there and the logarithm would be infinite;
 * such a share is replaced by {@link #EPSILON} (0.01 %), the usual choice, so a class that appears
 * or disappears adds a large but finite term.
 */
public final class PopulationStability {
    /** The share used in place of zero: 0.0001, that is 0.01 %. */
    public static final double EPSILON = 1e-4;

    private PopulationStability() {}

    /**
     * One class's term of the index.
     *
     * @param before its share before, from 0 to 1
     * @param after its share after, from 0 to 1
     * @return (after - before) ln(after / before), with zero shares replaced by {@link #EPSILON}
     */
    public static double term(double before, double after) {
        if (before < 0 || before > 1 || after < 0 || after > 1) {
            throw new IllegalArgumentException("shares are between 0 and 1: " + before + ", " + after);
        }
        double b = Math.max(before, EPSILON);
        double a = Math.max(after, EPSILON);
        return (a - b) * Math.log(a / b);
    }

    /**
     * The index over matching shares.
     *
     * @param before the shares before, one per bin
     * @param after the shares after, in the same bins
     * @return the sum of the {@link #term terms}
     * @throws IllegalArgumentException when the arrays differ in length or a share is outside [0, 1]
     */
    public static double index(double[] before, double[] after) {
        if (before.length != after.length) {
            throw new IllegalArgumentException(
                    "PSI needs the same bins on both sides: " + before.length + " and " + after.length);
        }
        double psi = 0;
        for (int i = 0; i < before.length; i++) {
            psi += term(before[i], after[i]);
        }
        return psi;
    }
}
