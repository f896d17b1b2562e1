package io.mlops.eval;

import io.mlops.error.UserError;
import io.mlops.eval.coco.CocoEvaluator;
import io.mlops.eval.coco.CocoGroundTruth;
import io.mlops.eval.coco.ImageEvaluation;
import io.mlops.eval.coco.ScoredBox;
import io.mlops.image.DetectionRows;
import io.mlops.image.Preprocessing;
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

    private DetectionRows layout(Map<String, NdArray> outputs, int batch) {
        List<DetectionRows.Output> named = new ArrayList<>();
        outputs.forEach((name, output) -> named.add(new DetectionRows.Output(
                name, output.shape(), output.type().isFloat(), output.numbers(), output.describe())));
        return DetectionRows.of(model, named, batch);
    }

    @Override
    public void read(Map<String, NdArray> outputs, List<Prepared> batch, List<String> nonFinite) {
        DetectionRows layout = layout(outputs, batch.size());
        for (int i = 0; i < batch.size(); i++) {
            Prepared sample = batch.get(i);
            List<ScoredBox> found = new ArrayList<>();
            boolean finite = true;
            for (int d = 0; d < layout.perImage(); d++) {
                double[] v = layout.row(i, d);
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

    private ScoredBox box(Prepared sample, double[] v) {
        int index = (int) v[5];
        if (index >= categoryIds.size()) {
            throw new UserError(model + " detected class " + index + " in "
                    + sample.item().name() + ", but the set has " + categoryIds.size()
                    + " categories; map class indices with category_ids in the preprocessing file");
        }
        double[] box = DetectionRows.originalBox(v, sample.geometry(), preprocessing);
        return ScoredBox.detection(
                sample.item().imageId(),
                categoryIds.get(index),
                box[0],
                box[1],
                box[2] - box[0],
                box[3] - box[1],
                v[4]);
    }

    @Override
    public EvaluationState complete(EvaluationState s) {
        return s.withMetrics(null, null, images, truth.categories(), detections);
    }
}
