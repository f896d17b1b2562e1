package io.mlops.eval.coco;

import io.mlops.labels.Category;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * COCO bounding-box evaluation, step for step as pycocotools' COCOeval (evaluateImg, accumulate,
 * summarize) with its default parameters, so that the numbers are the same: the same IoU
 * arithmetic, the same stable sorts, the same greedy matching and the same 101-point interpolation.
 * Images are evaluated independently ({@link #evaluate}) and accumulated afterwards, which is what
 * makes sharded evaluation possible.
 */
public final class CocoEvaluator {
    /** IoU thresholds .50:.05:.95, computed as numpy.linspace does. */
    static final double[] IOU_THRESHOLDS = linspace(0.5, 0.95, 10);

    /** Recall thresholds 0:.01:1, computed as numpy.linspace does. */
    static final double[] RECALL_THRESHOLDS = linspace(0.0, 1.0, 101);

    /** Detections considered per image: 1, 10 and 100. */
    static final int[] MAX_DETECTIONS = {1, 10, 100};

    /** Area ranges all, small, medium, large (squared pixels). */
    static final double[][] AREA_RANGES = {{0, 1e10}, {0, 32 * 32}, {32 * 32, 96 * 96}, {96 * 96, 1e10}};

    private final List<Category> categories;
    private final Map<Integer, Integer> categoryIndex = new HashMap<>();

    /**
     * Creates an evaluator for a set's categories.
     *
     * @param categories the categories, sorted by id
     */
    public CocoEvaluator(List<Category> categories) {
        this.categories = List.copyOf(categories);
        for (int k = 0; k < categories.size(); k++) {
            categoryIndex.put(categories.get(k).id(), k);
        }
    }

    // numpy.linspace: start + i * ((stop - start) / (num - 1)), the last element exactly stop
    private static double[] linspace(double start, double stop, int num) {
        double step = (stop - start) / (num - 1);
        double[] values = new double[num];
        for (int i = 0; i < num; i++) {
            values[i] = i * step + start;
        }
        values[num - 1] = stop;
        return values;
    }

    /**
     * Matches one image's detections to its ground truth, per category and area range.
     *
     * @param imageId the image
     * @param truth its ground-truth boxes, in file order
     * @param detections its detections, in results order
     * @return the evaluation to accumulate
     */
    public ImageEvaluation evaluate(long imageId, List<ScoredBox> truth, List<ScoredBox> detections) {
        List<CategoryEvaluation> evaluations = new ArrayList<>();
        // group once: most images hold a few of the categories
        Map<Integer, List<ScoredBox>> truthByCategory = byCategory(truth);
        Map<Integer, List<ScoredBox>> detectionsByCategory = byCategory(detections);
        for (int k = 0; k < categories.size(); k++) {
            int categoryId = categories.get(k).id();
            List<ScoredBox> gt = truthByCategory.getOrDefault(categoryId, List.of());
            List<ScoredBox> dt = detectionsByCategory.getOrDefault(categoryId, List.of());
            if (gt.isEmpty() && dt.isEmpty()) {
                continue;
            }
            // COCOeval sorts by descending score with a stable sort and keeps the top maxDets[-1]
            List<ScoredBox> sorted = dt.stream()
                    .sorted((p, q) -> bestFirst(p.score(), q.score()))
                    .limit(MAX_DETECTIONS[MAX_DETECTIONS.length - 1])
                    .toList();
            double[][] ious = new double[sorted.size()][gt.size()];
            for (int d = 0; d < sorted.size(); d++) {
                for (int g = 0; g < gt.size(); g++) {
                    ious[d][g] = sorted.get(d).iou(gt.get(g));
                }
            }
            for (int a = 0; a < AREA_RANGES.length; a++) {
                evaluations.add(match(k, a, gt, sorted, ious));
            }
        }
        return new ImageEvaluation(imageId, evaluations);
    }

    private static Map<Integer, List<ScoredBox>> byCategory(List<ScoredBox> boxes) {
        Map<Integer, List<ScoredBox>> grouped = new HashMap<>();
        for (ScoredBox box : boxes) {
            grouped.computeIfAbsent(box.categoryId(), c -> new ArrayList<>()).add(box);
        }
        return grouped;
    }

    private static CategoryEvaluation match(int k, int a, List<ScoredBox> gt, List<ScoredBox> dt, double[][] ious) {
        double lo = AREA_RANGES[a][0];
        double hi = AREA_RANGES[a][1];
        int g = gt.size();
        int d = dt.size();
        boolean[] ignoreUnsorted = new boolean[g];
        for (int i = 0; i < g; i++) {
            ScoredBox box = gt.get(i);
            ignoreUnsorted[i] = box.crowd() || box.area() < lo || box.area() > hi;
        }
        // stable: boxes that count first, in file order, then the ignored ones
        int[] order = IntStream.range(0, g)
                .boxed()
                .sorted(Comparator.comparing(i -> ignoreUnsorted[i]))
                .mapToInt(Integer::intValue)
                .toArray();
        boolean[] gtIgnore = new boolean[g];
        boolean[] crowd = new boolean[g];
        int counted = 0;
        for (int i = 0; i < g; i++) {
            gtIgnore[i] = ignoreUnsorted[order[i]];
            crowd[i] = gt.get(order[i]).crowd();
            counted += gtIgnore[i] ? 0 : 1;
        }
        int thresholds = IOU_THRESHOLDS.length;
        boolean[][] matched = new boolean[thresholds][d];
        boolean[][] ignored = new boolean[thresholds][d];
        for (int t = 0; t < thresholds; t++) {
            boolean[] gtMatched = new boolean[g];
            for (int di = 0; di < d; di++) {
                double best = Math.min(IOU_THRESHOLDS[t], 1 - 1e-10);
                int m = -1;
                for (int gi = 0; gi < g; gi++) {
                    if (gtMatched[gi] && !crowd[gi]) {
                        continue;
                    }
                    if (m > -1 && !gtIgnore[m] && gtIgnore[gi]) {
                        break;
                    }
                    double iou = ious[di][order[gi]];
                    if (iou < best) {
                        continue;
                    }
                    best = iou;
                    m = gi;
                }
                if (m == -1) {
                    continue;
                }
                ignored[t][di] = gtIgnore[m];
                matched[t][di] = true;
                gtMatched[m] = true;
            }
        }
        double[] scores = new double[d];
        for (int di = 0; di < d; di++) {
            ScoredBox box = dt.get(di);
            scores[di] = box.score();
            boolean outOfRange = box.area() < lo || box.area() > hi;
            for (int t = 0; t < thresholds; t++) {
                ignored[t][di] |= !matched[t][di] && outOfRange;
            }
        }
        return new CategoryEvaluation(k, a, scores, matched, ignored, counted);
    }

    // A stable merge sort of indices by descending score, on primitives (no boxing).
    static int[] stableBestFirst(double[] scores) {
        int n = scores.length;
        int[] order = new int[n];
        int[] buffer = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int i = lo;
                int j = mid;
                int out = lo;
                while (i < mid && j < hi) {
                    // take from the right run only when strictly better: that keeps equal scores in order
                    buffer[out++] = bestFirst(scores[order[j]], scores[order[i]]) < 0 ? order[j++] : order[i++];
                }
                while (i < mid) {
                    buffer[out++] = order[i++];
                }
                while (j < hi) {
                    buffer[out++] = order[j++];
                }
            }
            int[] swap = order;
            order = buffer;
            buffer = swap;
        }
        return order;
    }

    // numpy compares -0.0 and 0.0 as equal, Double.compare does not; scores are finite here
    private static int bestFirst(double p, double q) {
        return p > q ? -1 : p < q ? 1 : 0;
    }

    /**
     * Accumulates evaluated images into precision/recall and the twelve COCO summary numbers.
     *
     * @param images the evaluated images (any order: they are taken in image-id order, as COCOeval does)
     * @param detections how many detections the images had, for the report
     * @return the metrics
     */
    public DetectionMetrics accumulate(List<ImageEvaluation> images, long detections) {
        List<ImageEvaluation> ordered = images.stream()
                .sorted(Comparator.comparingLong(ImageEvaluation::imageId))
                .toList();
        int classes = categories.size();
        int areas = AREA_RANGES.length;
        List<List<CategoryEvaluation>> byCell = new ArrayList<>();
        for (int i = 0; i < classes * areas; i++) {
            byCell.add(new ArrayList<>());
        }
        for (ImageEvaluation image : ordered) {
            for (CategoryEvaluation e : image.evaluations()) {
                byCell.get(e.category() * areas + e.area()).add(e);
            }
        }
        PrecisionTable table = new PrecisionTable(
                IOU_THRESHOLDS.length, RECALL_THRESHOLDS.length, classes, areas, MAX_DETECTIONS.length);
        // categories are independent and fill disjoint cells of the table
        IntStream.range(0, classes).parallel().forEach(k -> {
            for (int a = 0; a < areas; a++) {
                List<CategoryEvaluation> cell = byCell.get(k * areas + a);
                if (cell.isEmpty()) {
                    continue;
                }
                for (int m = 0; m < MAX_DETECTIONS.length; m++) {
                    accumulateCell(table, cell, k, a, m);
                }
            }
        });
        return table.summarize(categories, ordered.size(), detections);
    }

    private static void accumulateCell(PrecisionTable table, List<CategoryEvaluation> cell, int k, int a, int m) {
        int maxDet = MAX_DETECTIONS[m];
        int total = 0;
        int counted = 0;
        for (CategoryEvaluation e : cell) {
            total += Math.min(maxDet, e.scores().length);
            counted += e.counted();
        }
        if (counted == 0) {
            return;
        }
        double[] scores = new double[total];
        int[] owner = new int[total];
        int[] position = new int[total];
        int n = 0;
        for (int i = 0; i < cell.size(); i++) {
            CategoryEvaluation e = cell.get(i);
            for (int d = 0; d < Math.min(maxDet, e.scores().length); d++) {
                scores[n] = e.scores()[d];
                owner[n] = i;
                position[n] = d;
                n++;
            }
        }
        // numpy.argsort(-scores, kind='mergesort'): stable, best first
        int[] order = stableBestFirst(scores);
        double eps = Math.ulp(1.0);
        for (int t = 0; t < IOU_THRESHOLDS.length; t++) {
            double[] precision = new double[total];
            double[] recall = new double[total];
            double tp = 0;
            double fp = 0;
            for (int i = 0; i < total; i++) {
                CategoryEvaluation e = cell.get(owner[order[i]]);
                int d = position[order[i]];
                if (!e.ignored()[t][d]) {
                    if (e.matched()[t][d]) {
                        tp++;
                    } else {
                        fp++;
                    }
                }
                recall[i] = tp / counted;
                precision[i] = tp / (fp + tp + eps);
            }
            table.setRecall(t, k, a, m, total > 0 ? recall[total - 1] : 0);
            for (int i = total - 1; i > 0; i--) {
                if (precision[i] > precision[i - 1]) {
                    precision[i - 1] = precision[i];
                }
            }
            int i = 0;
            for (int r = 0; r < RECALL_THRESHOLDS.length; r++) {
                // numpy.searchsorted(recall, threshold, side='left')
                while (i < total && recall[i] < RECALL_THRESHOLDS[r]) {
                    i++;
                }
                table.setPrecision(t, r, k, a, m, i < total ? precision[i] : 0);
            }
        }
    }
}
