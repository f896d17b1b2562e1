package io.mlops.agent.labeling;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a detector found, in the shape CVAT's serverless detector functions answer (cvat's {@code
 * serverless/.../nuclio/main.py}): a list of {@code {"confidence", "label", "points": [x1, y1, x2,
 * y2], "type": "rectangle"}} in the image's pixels. CVAT maps {@code label} to its task's labels by
 * name.
 */
public final class CvatDetections {
    private CvatDetections() {}

    /**
     * Formats the boxes for CVAT.
     *
     * @param found the detector's answer
     * @return the list CVAT reads
     */
    public static List<Map<String, Object>> of(Detector.Found found) {
        return found.boxes().stream()
                .map(box -> {
                    Map<String, Object> shape = new LinkedHashMap<>();
                    shape.put("confidence", box.score());
                    shape.put("label", box.className());
                    shape.put("points", List.of(box.x1(), box.y1(), box.x2(), box.y2()));
                    shape.put("type", "rectangle");
                    return shape;
                })
                .toList();
    }
}
