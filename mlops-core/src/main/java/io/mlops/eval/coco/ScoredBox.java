package io.mlops.eval.coco;

import io.mlops.labels.Annotation;
import java.io.Serializable;

/**
 * What COCOeval matches: a ground-truth annotation ({@link #truth}) or a detection ({@link
 * #detection}) reduced to its image, category, box in COCO's convention (top-left corner, width and
 * height, in pixels), area, score and crowd flag, flat so that the IoU loop reads primitives.
 * Annotations themselves are the suite's one model, {@link io.mlops.labels.Annotation}.
 *
 * @param imageId the image
 * @param categoryId the category
 * @param x left edge
 * @param y top edge
 * @param width width
 * @param height height
 * @param area the area COCO matches area ranges with: the annotation's own {@code area} for ground
 *     truth (the segment's area), width x height for detections
 * @param score the confidence of a detection; 1 for ground truth
 * @param crowd whether a ground-truth box marks a crowd (matches many detections, never counted)
 */
public record ScoredBox(
        long imageId,
        int categoryId,
        double x,
        double y,
        double width,
        double height,
        double area,
        double score,
        boolean crowd)
        implements Serializable {
    /**
     * A ground-truth annotation, with the area it states (COCO's {@code area}) and score 1.
     *
     * @param annotation the annotation
     * @return the box
     */
    public static ScoredBox truth(Annotation annotation) {
        io.mlops.labels.Box box = annotation.box();
        return new ScoredBox(
                annotation.imageId(),
                annotation.categoryId(),
                box.x(),
                box.y(),
                box.width(),
                box.height(),
                annotation.area(),
                1,
                annotation.crowd());
    }

    /**
     * A detection, as a results file or a detector gives it.
     *
     * @param imageId the image
     * @param categoryId the category
     * @param x left edge
     * @param y top edge
     * @param width width
     * @param height height
     * @param score the confidence
     * @return the box, its area width x height as pycocotools' loadRes computes it
     */
    public static ScoredBox detection(
            long imageId, int categoryId, double x, double y, double width, double height, double score) {
        return new ScoredBox(imageId, categoryId, x, y, width, height, width * height, score, false);
    }

    /**
     * Intersection over union with a ground-truth box, exactly as the COCO API's C code computes it
     * (for a crowd box, intersection over this box's own area).
     *
     * @param truth the ground-truth box
     * @return the overlap in [0, 1]
     */
    public double iou(ScoredBox truth) {
        double w = Math.min(width + x, truth.width + truth.x) - Math.max(x, truth.x);
        if (w <= 0) {
            return 0;
        }
        double h = Math.min(height + y, truth.height + truth.y) - Math.max(y, truth.y);
        if (h <= 0) {
            return 0;
        }
        double intersection = w * h;
        double ownArea = width * height;
        double union = truth.crowd ? ownArea : ownArea + truth.width * truth.height - intersection;
        return intersection / union;
    }
}
