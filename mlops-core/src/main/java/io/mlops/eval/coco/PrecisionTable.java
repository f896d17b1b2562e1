package io.mlops.eval.coco;

import io.mlops.labels.Category;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * COCOeval's accumulated arrays: precision[T][R][K][A][M] and recall[T][K][A][M], -1 where a
 * category has no ground truth, and the summary computed from them as COCOeval.summarize does.
 * Categories may be filled from several threads: each writes only its own cells.
 */
final class PrecisionTable {
    private final int thresholds;
    private final int recalls;
    private final int classes;
    private final int areas;
    private final int maxDets;
    private final double[] precision;
    private final double[] recall;

    PrecisionTable(int thresholds, int recalls, int classes, int areas, int maxDets) {
        this.thresholds = thresholds;
        this.recalls = recalls;
        this.classes = classes;
        this.areas = areas;
        this.maxDets = maxDets;
        precision = new double[thresholds * recalls * classes * areas * maxDets];
        recall = new double[thresholds * classes * areas * maxDets];
        Arrays.fill(precision, -1);
        Arrays.fill(recall, -1);
    }

    private int p(int t, int r, int k, int a, int m) {
        return (((t * recalls + r) * classes + k) * areas + a) * maxDets + m;
    }

    private int r(int t, int k, int a, int m) {
        return ((t * classes + k) * areas + a) * maxDets + m;
    }

    void setPrecision(int t, int r, int k, int a, int m, double value) {
        precision[p(t, r, k, a, m)] = value;
    }

    void setRecall(int t, int k, int a, int m, double value) {
        recall[r(t, k, a, m)] = value;
    }

    // mean of the entries > -1 over the chosen IoU thresholds (all, or the one given) and classes
    private double averagePrecision(int onlyThreshold, int onlyClass, int a, int m) {
        double sum = 0;
        long n = 0;
        for (int t = 0; t < thresholds; t++) {
            if (onlyThreshold >= 0 && t != onlyThreshold) {
                continue;
            }
            for (int rr = 0; rr < recalls; rr++) {
                for (int k = 0; k < classes; k++) {
                    if (onlyClass >= 0 && k != onlyClass) {
                        continue;
                    }
                    double v = precision[p(t, rr, k, a, m)];
                    if (v > -1) {
                        sum += v;
                        n++;
                    }
                }
            }
        }
        return n == 0 ? -1 : sum / n;
    }

    private double averageRecall(int a, int m) {
        double sum = 0;
        long n = 0;
        for (int t = 0; t < thresholds; t++) {
            for (int k = 0; k < classes; k++) {
                double v = recall[r(t, k, a, m)];
                if (v > -1) {
                    sum += v;
                    n++;
                }
            }
        }
        return n == 0 ? -1 : sum / n;
    }

    DetectionMetrics summarize(List<Category> categories, long images, long detections) {
        int last = maxDets - 1;
        Map<String, Double> perClass = new LinkedHashMap<>();
        List<List<Double>> curves = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            perClass.put(categories.get(k).name(), averagePrecision(-1, k, 0, last));
            List<Double> curve = new ArrayList<>();
            for (int rr = 0; rr < recalls; rr++) {
                curve.add(precision[p(0, rr, k, 0, last)]);
            }
            curves.add(curve);
        }
        int iou50 = 0;
        int iou75 = 5;
        return new DetectionMetrics(
                averagePrecision(-1, -1, 0, last),
                averagePrecision(iou50, -1, 0, last),
                averagePrecision(iou75, -1, 0, last),
                averagePrecision(-1, -1, 1, last),
                averagePrecision(-1, -1, 2, last),
                averagePrecision(-1, -1, 3, last),
                averageRecall(0, 0),
                averageRecall(0, 1),
                averageRecall(0, last),
                averageRecall(1, last),
                averageRecall(2, last),
                averageRecall(3, last),
                perClass,
                curves,
                images,
                detections);
    }
}
