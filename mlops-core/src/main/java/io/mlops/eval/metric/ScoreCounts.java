package io.mlops.eval.metric;

import java.io.Serializable;
import java.util.Arrays;

/**
 * One class's scores as a sorted histogram of exact values: how many positive and negative samples
 * got each distinct score. Enough to compute the ROC curve exactly, and mergeable.
 *
 * @param values distinct scores, descending
 * @param positives samples of the class at each score
 * @param negatives samples of other classes at each score
 */
public record ScoreCounts(float[] values, long[] positives, long[] negatives) implements Serializable {
    /** Checks the arrays line up. */
    public ScoreCounts {
        if (values.length != positives.length || values.length != negatives.length) {
            throw new IllegalArgumentException("values and counts differ in length");
        }
    }

    /**
     * Builds the histogram of one column.
     *
     * @param scores the scores
     * @param positive whether each sample belongs to the class
     * @return the counts
     */
    public static ScoreCounts of(float[] scores, boolean[] positive) {
        // one primitive sort of (score, class membership) keys instead of sorting boxed indices
        long[] keys = new long[scores.length];
        for (int i = 0; i < scores.length; i++) {
            keys[i] = (long) sortable(scores[i]) << 1 | (positive[i] ? 1 : 0);
        }
        java.util.Arrays.sort(keys);
        float[] values = new float[scores.length];
        long[] pos = new long[scores.length];
        long[] neg = new long[scores.length];
        int n = -1;
        for (int k = keys.length - 1; k >= 0; k--) {
            float score = unsortable((int) (keys[k] >> 1));
            if (n < 0 || Float.compare(values[n], score) != 0) {
                values[++n] = score;
            }
            if ((keys[k] & 1) == 1) {
                pos[n]++;
            } else {
                neg[n]++;
            }
        }
        return new ScoreCounts(Arrays.copyOf(values, n + 1), Arrays.copyOf(pos, n + 1), Arrays.copyOf(neg, n + 1));
    }

    // float bits as an int that sorts as the floats do (negative values flipped)
    private static int sortable(float value) {
        int bits = Float.floatToIntBits(value == 0 ? 0f : value);
        return bits < 0 ? bits ^ 0x7fffffff : bits;
    }

    private static float unsortable(int key) {
        return Float.intBitsToFloat(key < 0 ? key ^ 0x7fffffff : key);
    }

    /**
     * Merges two histograms.
     *
     * @param other another shard's counts for the same class
     * @return the combined counts
     */
    public ScoreCounts merge(ScoreCounts other) {
        int size = values.length + other.values.length;
        float[] v = new float[size];
        long[] p = new long[size];
        long[] q = new long[size];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < values.length || j < other.values.length) {
            boolean mine = j >= other.values.length || (i < values.length && values[i] >= other.values[j]);
            float value = mine ? values[i] : other.values[j];
            if (n > 0 && v[n - 1] == value) {
                n--;
            } else {
                v[n] = value;
            }
            p[n] += mine ? positives[i] : other.positives[j];
            q[n] += mine ? negatives[i] : other.negatives[j];
            n++;
            if (mine) {
                i++;
            } else {
                j++;
            }
        }
        return new ScoreCounts(Arrays.copyOf(v, n), Arrays.copyOf(p, n), Arrays.copyOf(q, n));
    }

    /**
     * The area under the ROC curve: the trapezoidal rule over one point per distinct score, as
     * scikit-learn's roc_auc_score.
     *
     * @return the AUC, or NaN when the class has no positive or no negative sample
     */
    public double auc() {
        long totalPositives = Arrays.stream(positives).sum();
        long totalNegatives = Arrays.stream(negatives).sum();
        if (totalPositives == 0 || totalNegatives == 0) {
            return Double.NaN;
        }
        double area = 0;
        double tpr = 0;
        double fpr = 0;
        long tps = 0;
        long fps = 0;
        for (int i = 0; i < values.length; i++) {
            tps += positives[i];
            fps += negatives[i];
            double nextTpr = (double) tps / totalPositives;
            double nextFpr = (double) fps / totalNegatives;
            area += (nextFpr - fpr) * (nextTpr + tpr) / 2;
            tpr = nextTpr;
            fpr = nextFpr;
        }
        return area;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScoreCounts that
                && Arrays.equals(values, that.values)
                && Arrays.equals(positives, that.positives)
                && Arrays.equals(negatives, that.negatives);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values) * 31 * 31 + Arrays.hashCode(positives) * 31 + Arrays.hashCode(negatives);
    }

    @Override
    public String toString() {
        return "ScoreCounts[" + values.length + " distinct scores]";
    }
}
