package io.mlops.eval.coco;

import java.io.Serializable;

/**
 * An annotated or detected box in COCO's convention: top-left corner, width and height, in pixels.
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
public record Box(
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
    public static Box detection(
            long imageId, int categoryId, double x, double y, double width, double height, double score) {
        return new Box(imageId, categoryId, x, y, width, height, width * height, score, false);
    }

    /**
     * Intersection over union with a ground-truth box, exactly as the COCO API's C code computes it
     * (for a crowd box, intersection over this box's own area).
     *
     * @param truth the ground-truth box
     * @return the overlap in [0, 1]
     */
    public double iou(Box truth) {
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
