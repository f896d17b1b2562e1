package io.mlops.labels.drift;

import java.io.Serializable;

/**
 * Pearson's chi-square test of homogeneity: were two samples of class labels drawn from the same
 * class distribution?
 *
 * @param statistic the chi-square statistic
 * @param degreesOfFreedom the number of classes present in either sample, minus one
 * @param pValue the probability of a statistic at least this large if both samples came from one
 *     distribution
 */
public record ChiSquareTest(double statistic, int degreesOfFreedom, double pValue) implements Serializable {
    /** Validates the result. */
    public ChiSquareTest {
        if (statistic < 0 || degreesOfFreedom < 0 || pValue < 0 || pValue > 1) {
            throw new IllegalArgumentException(
                    "invalid chi-square result: " + statistic + ", df " + degreesOfFreedom + ", p " + pValue);
        }
    }

    /**
     * The upper tail of the chi-square distribution.
     *
     * @param x the statistic, not negative
     * @param degreesOfFreedom k, positive
     * @return P(X &gt;= x) for X ~ chi-square(k)
     */
    public static double survival(double x, int degreesOfFreedom) {
        if (degreesOfFreedom < 1) {
            throw new IllegalArgumentException("degrees of freedom must be positive: " + degreesOfFreedom);
        }
        return IncompleteGamma.upper(degreesOfFreedom / 2.0, x / 2.0);
    }

    /**
     * Tests two samples of class counts, laid out as a 2 x k table (classes absent from both are
     * left out). With fewer than two classes there is nothing to compare: statistic 0, p-value 1.
     *
     * @param before the counts of the first sample, by class
     * @param after the counts of the second sample, by the same classes
     * @return the test result
     */
    public static ChiSquareTest homogeneity(long[] before, long[] after) {
        if (before.length != after.length) {
            throw new IllegalArgumentException("both samples need the same classes");
        }
        double totalBefore = 0;
        double totalAfter = 0;
        int classes = 0;
        for (int i = 0; i < before.length; i++) {
            if (before[i] < 0 || after[i] < 0) {
                throw new IllegalArgumentException("counts cannot be negative");
            }
            totalBefore += before[i];
            totalAfter += after[i];
            if (before[i] + after[i] > 0) {
                classes++;
            }
        }
        if (classes < 2 || totalBefore == 0 || totalAfter == 0) {
            return new ChiSquareTest(0, 0, 1);
        }
        double total = totalBefore + totalAfter;
        double statistic = 0;
        for (int i = 0; i < before.length; i++) {
            double column = before[i] + after[i];
            if (column == 0) {
                continue;
            }
            double expectedBefore = totalBefore * column / total;
            double expectedAfter = totalAfter * column / total;
            statistic += square(before[i] - expectedBefore) / expectedBefore;
            statistic += square(after[i] - expectedAfter) / expectedAfter;
        }
        int degrees = classes - 1;
        return new ChiSquareTest(statistic, degrees, survival(statistic, degrees));
    }

    private static double square(double value) {
        return value * value;
    }
}
