package io.mlops.eval.metric;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Classification metrics, equal to scikit-learn's (accuracy_score, top_k_accuracy_score,
 * precision_recall_fscore_support with zero_division=0, f1_score macro and weighted,
 * confusion_matrix, roc_auc_score: binary on the second column, else one-vs-rest macro).
 *
 * @param samples samples evaluated
 * @param accuracy the fraction predicted right
 * @param topK top-k accuracy by k, for 2 &lt;= k &lt;= min(5, classes - 1)
 * @param perClass per-class precision, recall, F1, support
 * @param macroF1 the unweighted mean of the classes' F1
 * @param weightedF1 the support-weighted mean of the classes' F1
 * @param confusion rows = true class, columns = predicted class
 * @param rocAuc ROC-AUC, or null when undefined (no scores, or a class without samples)
 */
public record ClassificationMetrics(
        long samples,
        double accuracy,
        Map<Integer, Double> topK,
        List<ClassMetrics> perClass,
        double macroF1,
        double weightedF1,
        List<List<Long>> confusion,
        Double rocAuc)
        implements Serializable {
    /** Copies the collections. */
    public ClassificationMetrics {
        topK = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(topK));
        perClass = List.copyOf(perClass);
        confusion = confusion.stream().map(List::copyOf).toList();
    }

    /**
     * Computes the metrics of a state.
     *
     * @param state the accumulated state
     * @param names class names by index
     * @return the metrics
     */
    public static ClassificationMetrics of(ClassificationState state, List<String> names) {
        int classes = state.classes();
        long[] c = state.confusion();
        long n = state.samples();
        long correct = 0;
        List<ClassMetrics> perClass = new ArrayList<>();
        List<List<Long>> matrix = new ArrayList<>();
        double macro = 0;
        double weighted = 0;
        for (int k = 0; k < classes; k++) {
            long tp = c[k * classes + k];
            long support = 0;
            long predicted = 0;
            List<Long> row = new ArrayList<>();
            for (int j = 0; j < classes; j++) {
                support += c[k * classes + j];
                predicted += c[j * classes + k];
                row.add(c[k * classes + j]);
            }
            matrix.add(row);
            correct += tp;
            double precision = predicted == 0 ? 0 : (double) tp / predicted;
            double recall = support == 0 ? 0 : (double) tp / support;
            double f1 = support + predicted == 0 ? 0 : 2.0 * tp / (support + predicted);
            perClass.add(new ClassMetrics(
                    k < names.size() ? names.get(k) : Integer.toString(k), precision, recall, f1, support));
            macro += f1;
            weighted += f1 * support;
        }
        Map<Integer, Double> topK = new LinkedHashMap<>();
        long[] hits = state.topHits();
        for (int k = 2; k <= hits.length; k++) {
            topK.put(k, n == 0 ? 0 : (double) hits[k - 1] / n);
        }
        return new ClassificationMetrics(
                n,
                n == 0 ? 0 : (double) correct / n,
                topK,
                perClass,
                macro / classes,
                n == 0 ? 0 : weighted / n,
                matrix,
                rocAuc(state));
    }

    private static Double rocAuc(ClassificationState state) {
        List<ScoreCounts> scores = state.scores();
        if (scores.isEmpty()) {
            return null;
        }
        if (state.classes() == 2) {
            double auc = scores.get(1).auc();
            return Double.isNaN(auc) ? null : auc;
        }
        double sum = 0;
        for (ScoreCounts s : scores) {
            double auc = s.auc();
            if (Double.isNaN(auc)) {
                return null;
            }
            sum += auc;
        }
        return sum / scores.size();
    }

    /**
     * The metrics gates and reports use, by name.
     *
     * @return {@code accuracy}, {@code top5_accuracy}, {@code macro_f1}, {@code weighted_f1},
     *     {@code roc_auc}, {@code f1[class]}, {@code precision[class]}, {@code recall[class]}
     */
    public Map<String, Double> named() {
        Map<String, Double> named = new LinkedHashMap<>();
        named.put("accuracy", accuracy);
        topK.forEach((k, v) -> named.put("top" + k + "_accuracy", v));
        named.put("macro_f1", macroF1);
        named.put("weighted_f1", weightedF1);
        if (rocAuc != null) {
            named.put("roc_auc", rocAuc);
        }
        for (ClassMetrics m : perClass) {
            named.put("precision[" + m.name() + "]", m.precision());
            named.put("recall[" + m.name() + "]", m.recall());
            named.put("f1[" + m.name() + "]", m.f1());
        }
        return named;
    }
}
