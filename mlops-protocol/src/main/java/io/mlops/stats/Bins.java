package io.mlops.stats;

import io.mlops.error.UserError;
import java.io.Serializable;
import java.util.Arrays;

/**
 * A distribution of one numeric feature as the share of values in each of a few bins: the reference
 * a live sample is compared with by {@link PopulationStability PSI}.
 *
 * <p>The edges follow numpy's {@code histogram}: {@code k + 1} increasing edges make {@code k} bins,
 * each {@code [edges[i], edges[i+1])} and the last closed on the right. Unlike numpy, values below
 * the first edge count in the first bin and values above the last in the last: a live value outside
 * the reference's range is exactly the kind of shift the index should see, not one to drop.
 *
 * @param edges the bin edges, strictly increasing, at least two
 * @param fractions each bin's share of the values, summing to 1 (within 1e-6)
 */
public record Bins(double[] edges, double[] fractions) implements Serializable {
    /** Validates and copies the edges and fractions. */
    public Bins {
        edges = edges.clone();
        fractions = fractions.clone();
        if (edges.length < 2) {
            throw new UserError("bins need at least two edges, found " + edges.length);
        }
        if (fractions.length != edges.length - 1) {
            throw new UserError("bins with " + edges.length + " edges need " + (edges.length - 1) + " fractions, found "
                    + fractions.length);
        }
        double sum = 0;
        for (int i = 0; i < fractions.length; i++) {
            if (!(edges[i] < edges[i + 1]) || !Double.isFinite(edges[i]) || !Double.isFinite(edges[i + 1])) {
                throw new UserError("bin edges must be finite and strictly increasing: " + Arrays.toString(edges));
            }
            if (!(fractions[i] >= 0 && fractions[i] <= 1)) {
                throw new UserError("bin fractions are shares from 0 to 1: " + Arrays.toString(fractions));
            }
            sum += fractions[i];
        }
        if (Math.abs(sum - 1) > 1e-6) {
            throw new UserError("bin fractions must sum to 1, not " + sum + ": " + Arrays.toString(fractions));
        }
    }

    /**
     * The reference bins of a sample: edges at its quantiles, so each bin holds about the same share
     * of the sample, which keeps every PSI term informative whatever the feature's scale or skew.
     * Equal quantiles (a feature with few distinct values) collapse into one edge; a constant
     * feature gets a single bin of width 1 around its value.
     *
     * @param sample the values; non-finite ones are ignored
     * @param bins the number of bins wanted, at least 1 (10 is usual)
     * @return the bins, with the sample's own fractions
     * @throws UserError when the sample has no finite value
     */
    public static Bins fromSample(double[] sample, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be at least 1, not " + bins);
        }
        double[] sorted =
                Arrays.stream(sample).filter(Double::isFinite).sorted().toArray();
        if (sorted.length == 0) {
            throw new UserError(
                    "reference statistics need at least one finite value, found none in " + sample.length + " values");
        }
        double min = sorted[0];
        double max = sorted[sorted.length - 1];
        if (min == max) {
            double[] edges = {min - 0.5, min + 0.5};
            return new Bins(edges, new double[] {1});
        }
        double[] edges = new double[bins + 1];
        int count = 0;
        edges[count++] = min;
        for (int i = 1; i < bins; i++) {
            double edge = quantile(sorted, (double) i / bins);
            if (edge > edges[count - 1] && edge < max) {
                edges[count++] = edge;
            }
        }
        edges[count++] = max;
        Bins shape = new Bins(Arrays.copyOf(edges, count), uniform(count - 1));
        return new Bins(shape.edges, shape.fractionsOf(sorted));
    }

    /**
     * The share of values that falls in each bin.
     *
     * @param values the values; non-finite ones are ignored
     * @return one share per bin, all zero when no value is finite
     */
    public double[] fractionsOf(double[] values) {
        long[] counts = new long[fractions.length];
        long total = 0;
        for (double value : values) {
            if (Double.isFinite(value)) {
                counts[bin(value)]++;
                total++;
            }
        }
        double[] shares = new double[counts.length];
        for (int i = 0; i < counts.length && total > 0; i++) {
            shares[i] = (double) counts[i] / total;
        }
        return shares;
    }

    /**
     * The population stability index of live values against these bins.
     *
     * @param values the live values
     * @return the PSI, or NaN when no value is finite
     */
    public double psi(double[] values) {
        double[] live = fractionsOf(values);
        if (Arrays.stream(live).sum() == 0) {
            return Double.NaN;
        }
        return PopulationStability.index(fractions, live);
    }

    /**
     * The bin a value falls in; values outside the edges fall in the outermost bins.
     *
     * @param value a finite value
     * @return the bin's index
     */
    public int bin(double value) {
        int found = Arrays.binarySearch(edges, value);
        int bin = found >= 0 ? found : -found - 2;
        return Math.max(0, Math.min(fractions.length - 1, bin));
    }

    private static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    private static double[] uniform(int bins) {
        double[] shares = new double[bins];
        Arrays.fill(shares, 1.0 / bins);
        shares[bins - 1] = 1.0 - (bins - 1) * (1.0 / bins);
        return shares;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bins other
                && Arrays.equals(edges, other.edges)
                && Arrays.equals(fractions, other.fractions);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(edges) + Arrays.hashCode(fractions);
    }

    @Override
    public String toString() {
        return "Bins" + Arrays.toString(edges) + " " + Arrays.toString(fractions);
    }

    @Override
    public double[] edges() {
        return edges.clone();
    }

    @Override
    public double[] fractions() {
        return fractions.clone();
    }
}
