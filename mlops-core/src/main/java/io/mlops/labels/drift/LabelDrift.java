package io.mlops.labels.drift;

import io.mlops.error.UserError;
import io.mlops.stats.PopulationStability;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The drift of the class distribution between two label sets: each class's share before and
 * after, Pearson's chi-square test of homogeneity, and the population stability index.
 *
 * <p>With hundreds of thousands of labels the chi-square test finds every difference significant;
 * the PSI measures how large the shift is, which is what a gate should limit.
 *
 * @param classes every class present on either side, largest PSI term first
 * @param before the labels counted before
 * @param after the labels counted after
 * @param psi the population stability index, the sum of the class terms
 * @param epsilon the share that replaced zero shares in the PSI
 * @param chiSquare the chi-square test of homogeneity
 */
public record LabelDrift(
        List<ClassShift> classes, long before, long after, double psi, double epsilon, ChiSquareTest chiSquare)
        implements Serializable {
    /** Validates the drift and copies its classes. */
    public LabelDrift {
        classes = List.copyOf(classes);
        Objects.requireNonNull(chiSquare, "chiSquare");
        if (before < 0 || after < 0 || psi < 0) {
            throw new IllegalArgumentException("counts and PSI are not negative");
        }
    }

    /**
     * Compares two class distributions, matching classes by name.
     *
     * @param before label counts by class name, e.g. from the older snapshot's card
     * @param after label counts by class name, from the newer one
     * @return the drift
     * @throws UserError when either side has no labels
     */
    public static LabelDrift between(Map<String, Long> before, Map<String, Long> after) {
        long totalBefore = total(before);
        long totalAfter = total(after);
        if (totalBefore == 0 || totalAfter == 0) {
            throw new UserError("label drift needs labels on both sides; found " + totalBefore + " before and "
                    + totalAfter + " after");
        }
        Set<String> names = new LinkedHashSet<>(before.keySet());
        names.addAll(after.keySet());
        long[] countsBefore = new long[names.size()];
        long[] countsAfter = new long[names.size()];
        List<ClassShift> shifts = new ArrayList<>();
        double psi = 0;
        int i = 0;
        for (String name : names) {
            countsBefore[i] = before.getOrDefault(name, 0L);
            countsAfter[i] = after.getOrDefault(name, 0L);
            double shareBefore = (double) countsBefore[i] / totalBefore;
            double shareAfter = (double) countsAfter[i] / totalAfter;
            double term = PopulationStability.term(shareBefore, shareAfter);
            psi += term;
            shifts.add(new ClassShift(name, countsBefore[i], countsAfter[i], shareBefore, shareAfter, term));
            i++;
        }
        shifts.sort(Comparator.comparingDouble(ClassShift::psi).reversed().thenComparing(ClassShift::name));
        return new LabelDrift(
                shifts,
                totalBefore,
                totalAfter,
                psi,
                PopulationStability.EPSILON,
                ChiSquareTest.homogeneity(countsBefore, countsAfter));
    }

    /**
     * Whether the drift crosses a limit.
     *
     * @param maxPsi the largest PSI allowed
     * @return true when the PSI is above it
     */
    public boolean exceeds(double maxPsi) {
        return psi > maxPsi;
    }

    /**
     * The classes that moved: those whose own PSI term is above an even share of the limit (the
     * limit divided by the number of classes). When the total crosses the limit at least one class
     * does, so a failed gate always names a class.
     *
     * @param maxPsi the largest PSI allowed
     * @return the classes, largest term first
     */
    public List<ClassShift> moved(double maxPsi) {
        double share = maxPsi / Math.max(1, classes.size());
        return classes.stream().filter(shift -> shift.psi() > share).toList();
    }

    private static long total(Map<String, Long> counts) {
        long total = 0;
        for (long count : counts.values()) {
            if (count < 0) {
                throw new IllegalArgumentException("label counts are not negative");
            }
            total += count;
        }
        return total;
    }
}
