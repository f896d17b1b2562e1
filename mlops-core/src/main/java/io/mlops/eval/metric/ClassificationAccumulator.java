package io.mlops.eval.metric;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects predictions one sample at a time (not thread-safe) and hands out the mergeable
 * {@link ClassificationState}.
 */
public final class ClassificationAccumulator {
    private final int classes;
    private final boolean withScores;
    private final long[] confusion;
    private final long[] topHits;
    private final List<float[]> rows = new ArrayList<>();
    private final List<Integer> truths = new ArrayList<>();

    /**
     * Creates an empty accumulator.
     *
     * @param classes the number of classes
     * @param withScores whether samples come with per-class scores (else labels only)
     */
    public ClassificationAccumulator(int classes, boolean withScores) {
        this.classes = classes;
        this.withScores = withScores;
        confusion = new long[classes * classes];
        // top-k for k below the class count: with k = classes every sample is a hit
        topHits = new long[withScores ? Math.max(0, Math.min(ClassificationState.MAX_TOP_K, classes - 1)) : 0];
    }

    /**
     * Adds a sample with per-class scores; the prediction is the first best score (numpy.argmax).
     *
     * @param truth the true class
     * @param scores one score per class
     */
    public void add(int truth, float[] scores) {
        int predicted = 0;
        for (int c = 1; c < classes; c++) {
            if (scores[c] > scores[predicted]) {
                predicted = c;
            }
        }
        confusion[truth * classes + predicted]++;
        // rank as scikit-learn's top_k_accuracy_score: descending, and among equal scores the
        // higher class index first (a reversed stable ascending sort)
        int rank = 0;
        for (int c = 0; c < classes; c++) {
            if (scores[c] > scores[truth] || (scores[c] == scores[truth] && c > truth)) {
                rank++;
            }
        }
        for (int k = rank; k < topHits.length; k++) {
            topHits[k]++;
        }
        rows.add(scores.clone());
        truths.add(truth);
    }

    /**
     * Adds a sample the model labelled directly.
     *
     * @param truth the true class
     * @param predicted the predicted class
     */
    public void addLabel(int truth, int predicted) {
        confusion[truth * classes + predicted]++;
    }

    /**
     * The state of everything added so far.
     *
     * @return the mergeable state
     */
    public ClassificationState state() {
        List<ScoreCounts> scores = new ArrayList<>();
        if (withScores) {
            int n = rows.size();
            for (int c = 0; c < classes; c++) {
                float[] column = new float[n];
                boolean[] positive = new boolean[n];
                for (int i = 0; i < n; i++) {
                    column[i] = rows.get(i)[c];
                    positive[i] = truths.get(i) == c;
                }
                scores.add(ScoreCounts.of(column, positive));
            }
        }
        return new ClassificationState(classes, confusion, topHits, scores);
    }
}
