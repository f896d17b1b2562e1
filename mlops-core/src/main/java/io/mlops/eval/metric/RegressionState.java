package io.mlops.eval.metric;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Sums for regression metrics per output, merged exactly (Chan's parallel variance for the spread
 * of the targets that R² needs).
 *
 * @param count samples
 * @param absoluteErrors per output, the sum of |prediction - target|
 * @param squaredErrors per output, the sum of (prediction - target)²
 * @param targetMeans per output, the mean target
 * @param targetSquares per output, the sum of squared deviations of the target from its mean
 */
public record RegressionState(
        long count, double[] absoluteErrors, double[] squaredErrors, double[] targetMeans, double[] targetSquares)
        implements Serializable {
    /** Copies the arrays. */
    public RegressionState {
        absoluteErrors = absoluteErrors.clone();
        squaredErrors = squaredErrors.clone();
        targetMeans = targetMeans.clone();
        targetSquares = targetSquares.clone();
    }

    /**
     * An empty state.
     *
     * @param outputs values predicted per sample
     * @return the state
     */
    public static RegressionState empty(int outputs) {
        return new RegressionState(
                0, new double[outputs], new double[outputs], new double[outputs], new double[outputs]);
    }

    /**
     * Adds samples, returning a new state (call it per batch, not per sample).
     *
     * @param targets the true values, one row per sample
     * @param predictions the predicted values, one row per sample
     * @return the state with the samples
     */
    public RegressionState add(double[][] targets, double[][] predictions) {
        int outputs = absoluteErrors.length;
        long n = count;
        double[] abs = absoluteErrors.clone();
        double[] sq = squaredErrors.clone();
        double[] mean = targetMeans.clone();
        double[] m2 = targetSquares.clone();
        for (int i = 0; i < targets.length; i++) {
            n++;
            for (int o = 0; o < outputs; o++) {
                double y = targets[i][o];
                double e = predictions[i][o] - y;
                abs[o] += Math.abs(e);
                sq[o] += e * e;
                double delta = y - mean[o];
                mean[o] += delta / n;
                m2[o] += delta * (y - mean[o]);
            }
        }
        return new RegressionState(n, abs, sq, mean, m2);
    }

    /**
     * Merges another shard's state.
     *
     * @param other a state with as many outputs
     * @return the combined state
     */
    public RegressionState merge(RegressionState other) {
        if (other.count == 0) {
            return this;
        }
        if (count == 0) {
            return other;
        }
        int outputs = absoluteErrors.length;
        long n = count + other.count;
        double[] abs = new double[outputs];
        double[] sq = new double[outputs];
        double[] mean = new double[outputs];
        double[] m2 = new double[outputs];
        for (int o = 0; o < outputs; o++) {
            abs[o] = absoluteErrors[o] + other.absoluteErrors[o];
            sq[o] = squaredErrors[o] + other.squaredErrors[o];
            double delta = other.targetMeans[o] - targetMeans[o];
            mean[o] = targetMeans[o] + delta * other.count / n;
            m2[o] = targetSquares[o] + other.targetSquares[o] + delta * delta * count * other.count / n;
        }
        return new RegressionState(n, abs, sq, mean, m2);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RegressionState that
                && count == that.count
                && Arrays.equals(absoluteErrors, that.absoluteErrors)
                && Arrays.equals(squaredErrors, that.squaredErrors)
                && Arrays.equals(targetMeans, that.targetMeans)
                && Arrays.equals(targetSquares, that.targetSquares);
    }

    @Override
    public int hashCode() {
        // every field equals compares, so that states differing only in squared errors spread too
        int hash = Long.hashCode(count);
        hash = 31 * hash + Arrays.hashCode(absoluteErrors);
        hash = 31 * hash + Arrays.hashCode(squaredErrors);
        hash = 31 * hash + Arrays.hashCode(targetMeans);
        return 31 * hash + Arrays.hashCode(targetSquares);
    }

    @Override
    public String toString() {
        return "RegressionState[" + count + " samples, " + absoluteErrors.length + " outputs]";
    }
}
