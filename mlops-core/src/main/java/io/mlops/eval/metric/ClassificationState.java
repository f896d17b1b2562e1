package io.mlops.eval.metric;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Everything classification metrics need, in a form that merges exactly: the confusion matrix,
 * top-k hit counts and per-class score histograms for ROC-AUC. Shards of a set merged give the
 * state of the whole set.
 *
 * @param classes the number of classes
 * @param confusion counts, row = true class, column = predicted class, row-major
 * @param topHits samples whose true class is among the k best scores, for k = 1..topHits.length
 * @param scores per class, the score histogram (empty when the model gives labels only)
 */
public record ClassificationState(int classes, long[] confusion, long[] topHits, List<ScoreCounts> scores)
        implements Serializable {
    /** The largest k of top-k accuracy kept. */
    public static final int MAX_TOP_K = 5;

    /** Validates sizes. */
    public ClassificationState {
        if (classes < 1 || confusion.length != classes * classes) {
            throw new IllegalArgumentException(
                    "a " + classes + "-class state needs a " + classes + "x" + classes + " confusion matrix");
        }
        confusion = confusion.clone();
        topHits = topHits.clone();
        scores = List.copyOf(scores);
    }

    /**
     * Merges another shard's state.
     *
     * @param other a state of the same classes
     * @return the combined state
     */
    public ClassificationState merge(ClassificationState other) {
        if (other.classes != classes
                || other.topHits.length != topHits.length
                || other.scores.size() != scores.size()) {
            throw new io.mlops.error.UserError("cannot merge classification states of " + classes + " and "
                    + other.classes + " classes (or with and without scores)");
        }
        long[] c = confusion.clone();
        for (int i = 0; i < c.length; i++) {
            c[i] += other.confusion[i];
        }
        long[] hits = topHits.clone();
        for (int i = 0; i < hits.length; i++) {
            hits[i] += other.topHits[i];
        }
        List<ScoreCounts> merged = new ArrayList<>();
        for (int k = 0; k < scores.size(); k++) {
            merged.add(scores.get(k).merge(other.scores.get(k)));
        }
        return new ClassificationState(classes, c, hits, merged);
    }

    /**
     * Samples counted.
     *
     * @return the sum of the confusion matrix
     */
    public long samples() {
        return Arrays.stream(confusion).sum();
    }

    @Override
    public long[] confusion() {
        return confusion.clone();
    }

    @Override
    public long[] topHits() {
        return topHits.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassificationState that
                && classes == that.classes
                && Arrays.equals(confusion, that.confusion)
                && Arrays.equals(topHits, that.topHits)
                && scores.equals(that.scores);
    }

    @Override
    public int hashCode() {
        return (classes * 31 + Arrays.hashCode(confusion)) * 31 + Arrays.hashCode(topHits) + scores.hashCode();
    }

    @Override
    public String toString() {
        return "ClassificationState[" + classes + " classes, " + samples() + " samples]";
    }
}
