package io.mlops.labels.card;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts unordered pairs of classes (by dense class index), for co-occurrence.
 *
 * <p>A dataset of 100,000 images with ten classes each adds four and a half million pairs: a
 * flat matrix of ints counts them without allocating, for up to {@value #DENSE_LIMIT} classes (16
 * MB); beyond that, as in very large vocabularies, a map holds only the pairs that occur.
 */
final class PairCounts {
    static final int DENSE_LIMIT = 2048;

    private final int classes;
    private final int[] dense;
    private final Map<Long, Long> sparse;

    PairCounts(int classes) {
        this.classes = classes;
        this.dense = classes <= DENSE_LIMIT ? new int[classes * classes] : null;
        this.sparse = dense == null ? new HashMap<>() : null;
    }

    /**
     * Counts one image holding both classes.
     *
     * @param a a class index
     * @param b another class index
     */
    void add(int a, int b) {
        int low = Math.min(a, b);
        int high = Math.max(a, b);
        if (dense != null) {
            dense[low * classes + high]++;
        } else {
            sparse.merge((long) low * classes + high, 1L, Long::sum);
        }
    }

    /**
     * Every pair counted at least once.
     *
     * @return entries of {lower index, higher index, count}
     */
    List<long[]> nonZero() {
        List<long[]> pairs = new ArrayList<>();
        if (dense != null) {
            for (int low = 0; low < classes; low++) {
                for (int high = low + 1; high < classes; high++) {
                    int count = dense[low * classes + high];
                    if (count > 0) {
                        pairs.add(new long[] {low, high, count});
                    }
                }
            }
        } else {
            sparse.forEach((key, count) -> pairs.add(new long[] {key / classes, key % classes, count}));
        }
        return pairs;
    }
}
