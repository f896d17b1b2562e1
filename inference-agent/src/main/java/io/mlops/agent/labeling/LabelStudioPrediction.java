package io.mlops.agent.labeling;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One task's prediction in Label Studio's format: {@code rectanglelabels} results with percent
 * coordinates of the original image, its size, each box's score, the prediction's score (the mean of
 * its boxes') and {@code model_version}.
 */
public final class LabelStudioPrediction {
    private LabelStudioPrediction() {}

    /**
     * Formats what a detector found for Label Studio.
     *
     * @param found the detector's answer
     * @param config the project's box control and labels
     * @return the prediction, as the JSON object {@code /predict} answers per task
     */
    public static Map<String, Object> of(Detector.Found found, LabelingConfig config) {
        List<Map<String, Object>> results = new ArrayList<>();
        double total = 0;
        for (Detector.Box box : found.boxes()) {
            String label = config.labelFor(box.className());
            if (label == null) {
                continue; // a class the project does not label
            }
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("x", 100.0 * box.x1() / found.width());
            value.put("y", 100.0 * box.y1() / found.height());
            value.put("width", 100.0 * (box.x2() - box.x1()) / found.width());
            value.put("height", 100.0 * (box.y2() - box.y1()) / found.height());
            value.put("rotation", 0);
            value.put("rectanglelabels", List.of(label));
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("id", "box" + results.size());
            result.put("from_name", config.fromName());
            result.put("to_name", config.toName());
            result.put("type", "rectanglelabels");
            result.put("original_width", found.width());
            result.put("original_height", found.height());
            result.put("image_rotation", 0);
            result.put("value", value);
            result.put("score", box.score());
            results.add(result);
            total += box.score();
        }
        Map<String, Object> prediction = new LinkedHashMap<>();
        prediction.put("result", results);
        prediction.put("score", results.isEmpty() ? 0.0 : total / results.size());
        prediction.put("model_version", found.modelVersion());
        return prediction;
    }
}
