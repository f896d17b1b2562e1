package io.mlops.stats;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * The reference distribution of one numeric input for the population stability index: bin edges
 * and the share of reference values in each bin.
 *
 * <p>The layout both sides of a drift check agree on: {@code edges} ascend strictly and hold one
 * more value than {@code fractions}; bin {@code i} holds {@code edges[i] <= x < edges[i+1]}, the
 * last bin includes its upper edge, and values outside {@code [edges[0], edges[last]]} count in the
 * first or last bin. A constant input has the two equal-valued edges collapsed into one bin:
 * {@code edges = [c, c]}, {@code fractions = [1]}.
 *
 * @param edges the bin boundaries, ascending
 * @param fractions the share of reference values per bin, summing to 1
 */
public record PsiBins(List<Double> edges, List<Double> fractions) implements Serializable {
    /** Validates and copies the bins. */
    public PsiBins {
        edges = List.copyOf(edges);
        fractions = List.copyOf(fractions);
        if (fractions.isEmpty() || edges.size() != fractions.size() + 1) {
            throw new IllegalArgumentException(
                    "bins need one more edge than fractions: " + edges.size() + " edges, " + fractions.size());
        }
        for (int i = 1; i < edges.size(); i++) {
            boolean constant = edges.size() == 2 && edges.get(0).equals(edges.get(1));
            if (!constant && !(edges.get(i) > edges.get(i - 1))) {
                throw new IllegalArgumentException("bin edges must ascend: " + edges);
            }
        }
    }

    /**
     * Bins reference values at their quantiles, so that each bin holds about the same share; ties
     * (integer or one-hot features) make fewer, wider bins rather than empty ones.
     *
     * @param values the reference values; NaN and infinities are left out
     * @param maxBins the most bins to make, at least 1
     * @return the bins
     * @throws IllegalArgumentException when no finite value is given
     */
    public static PsiBins of(double[] values, int maxBins) {
        if (maxBins < 1) {
            throw new IllegalArgumentException("at least one bin: " + maxBins);
        }
        double[] sorted =
                Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no finite reference values to bin");
        }
        double min = sorted[0];
        double max = sorted[sorted.length - 1];
        if (min == max) {
            return new PsiBins(List.of(min, max), List.of(1.0));
        }
        double[] edges = new double[maxBins + 1];
        int count = 0;
        edges[count++] = min;
        for (int b = 1; b < maxBins; b++) {
            double cut = sorted[(int) ((long) b * sorted.length / maxBins)];
            if (cut > edges[count - 1] && cut < max) {
                edges[count++] = cut;
            }
        }
        edges[count++] = max;
        double[] cuts = Arrays.copyOf(edges, count);
        long[] counts = new long[count - 1];
        for (double value : sorted) {
            counts[binOf(cuts, value)]++;
        }
        return new PsiBins(
                Arrays.stream(cuts).boxed().toList(),
                Arrays.stream(counts).mapToObj(c -> (double) c / sorted.length).toList());
    }

    /**
     * The bin a value falls in, by the rule in the class description.
     *
     * @param value the value
     * @return the bin's index
     */
    public int bin(double value) {
        double[] cuts = edges.stream().mapToDouble(Double::doubleValue).toArray();
        return binOf(cuts, value);
    }

    private static int binOf(double[] edges, double value) {
        int bins = edges.length - 1;
        int found = Arrays.binarySearch(edges, value);
        int index = found >= 0 ? found : -found - 2;
        return Math.max(0, Math.min(bins - 1, index));
    }
}
