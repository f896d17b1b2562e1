package io.mlops.eval;

import io.mlops.error.UserError;
import io.mlops.eval.coco.CocoEvaluator;
import io.mlops.eval.coco.CocoGroundTruth;
import io.mlops.eval.coco.ImageEvaluation;
import io.mlops.eval.coco.ScoredBox;
import io.mlops.eval.image.Geometry;
import io.mlops.labels.Category;
import io.mlops.onnx.NdArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads detector outputs after non-maximum suppression, in either common layout: one output
 * {@code [batch, detections, 6]} of x1, y1, x2, y2, score, class; or three outputs boxes
 * {@code [batch, detections, 4]}, scores and classes {@code [batch, detections]}. Boxes are mapped
 * back through the letterbox or resize onto the original image and matched per image, COCO's way.
 */
final class DetectionReader implements OutputReader {
    private final String model;
    private final CocoGroundTruth truth;
    private final Preprocessing preprocessing;
    private final CocoEvaluator evaluator;
    private final List<Integer> categoryIds;
    private final List<ImageEvaluation> images = new ArrayList<>();
    private long detections;

    DetectionReader(String model, CocoGroundTruth truth, Preprocessing preprocessing) {
        this.model = model;
        this.truth = truth;
        this.preprocessing = preprocessing;
        this.evaluator = new CocoEvaluator(truth.categories());
        this.categoryIds = preprocessing.categoryIds() != null
                ? preprocessing.categoryIds()
                : truth.categories().stream().map(Category::id).toList();
    }

    private record Layout(NdArray combined, NdArray boxes, NdArray scores, NdArray classes, int perImage) {}

    private Layout layout(Map<String, NdArray> outputs, int batch) {
        for (NdArray output : outputs.values()) {
            long[] s = output.shape();
            if (output.type().isFloat() && s[s.length - 1] == 6 && (s.length == 3 || (s.length == 2 && batch == 1))) {
                return new Layout(output, null, null, null, (int) s[s.length - 2]);
            }
        }
        NdArray boxes = null;
        for (NdArray output : outputs.values()) {
            long[] s = output.shape();
            if (output.type().isFloat() && s[s.length - 1] == 4 && (s.length == 3 || (s.length == 2 && batch == 1))) {
                boxes = output;
                break;
            }
        }
        if (boxes != null) {
            int perImage = (int) boxes.shape()[boxes.shape().length - 2];
            NdArray scores = null;
            NdArray classes = null;
            for (NdArray output : outputs.values()) {
                if (output != boxes && output.size() == batch * perImage) {
                    if (scores == null && output.type().isFloat()) {
                        scores = output;
                    } else if (classes == null) {
                        classes = output;
                    }
                }
            }
            if (scores != null && classes != null) {
                return new Layout(null, boxes, scores, classes, perImage);
            }
        }
        throw new UserError(model + ": cannot read detections from outputs "
                + outputs.entrySet().stream()
                        .map(e -> e.getKey() + ": " + e.getValue().describe())
                        .toList()
                + "; expected [batch, N, 6] (x1, y1, x2, y2, score, class) or boxes [batch, N, 4] + scores + classes"
                + " [batch, N], after non-maximum suppression");
    }

    @Override
    public void read(Map<String, NdArray> outputs, List<Prepared> batch, List<String> nonFinite) {
        Layout layout = layout(outputs, batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Prepared sample = batch.get(i);
            List<ScoredBox> found = new ArrayList<>();
            boolean finite = true;
            for (int d = 0; d < layout.perImage; d++) {
                double[] v = row(layout, i, d);
                if (!OutputReader.finite(v, 0, 6)) {
                    finite = false;
                    break;
                }
                if (v[4] <= preprocessing.scoreThreshold() || v[5] < 0) {
                    continue;
                }
                found.add(box(sample, v));
            }
            if (!finite) {
                nonFinite.add(sample.item().name());
                continue;
            }
            long id = sample.item().imageId();
            detections += found.size();
            images.add(evaluator.evaluate(id, truth.boxes().getOrDefault(id, List.of()), found));
        }
    }

    private static double[] row(Layout layout, int image, int d) {
        if (layout.combined != null) {
            int at = (image * layout.perImage + d) * 6;
            return java.util.Arrays.copyOfRange(layout.combined.numbers(), at, at + 6);
        }
        int at = image * layout.perImage + d;
        double[] b = layout.boxes.numbers();
        return new double[] {
            b[at * 4],
            b[at * 4 + 1],
            b[at * 4 + 2],
            b[at * 4 + 3],
            layout.scores.numbers()[at],
            layout.classes.numbers()[at]
        };
    }

    private ScoredBox box(Prepared sample, double[] v) {
        Geometry g = sample.geometry();
        double a = v[0];
        double b = v[1];
        double c = v[2];
        double d = v[3];
        if (preprocessing.normalizedBoxes()) {
            a *= g.inputWidth();
            c *= g.inputWidth();
            b *= g.inputHeight();
            d *= g.inputHeight();
        }
        double x1;
        double y1;
        double x2;
        double y2;
        switch (preprocessing.boxFormat()) {
            case "xywh" -> {
                x1 = a;
                y1 = b;
                x2 = a + c;
                y2 = b + d;
            }
            case "cxcywh" -> {
                x1 = a - c / 2;
                y1 = b - d / 2;
                x2 = a + c / 2;
                y2 = b + d / 2;
            }
            default -> {
                x1 = a;
                y1 = b;
                x2 = c;
                y2 = d;
            }
        }
        int index = (int) v[5];
        if (index >= categoryIds.size()) {
            throw new UserError(model + " detected class " + index + " in "
                    + sample.item().name() + ", but the set has " + categoryIds.size()
                    + " categories; map class indices with category_ids in the preprocessing file");
        }
        double ox1 = g.originalX(x1);
        double oy1 = g.originalY(y1);
        return ScoredBox.detection(
                sample.item().imageId(),
                categoryIds.get(index),
                ox1,
                oy1,
                g.originalX(x2) - ox1,
                g.originalY(y2) - oy1,
                v[4]);
    }

    @Override
    public EvaluationState complete(EvaluationState s) {
        return s.withMetrics(null, null, images, truth.categories(), detections);
    }
}
