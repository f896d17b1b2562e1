package io.mlops.eval.coco;

import java.io.Serializable;

/**
 * COCOeval's evaluateImg for one image, category and area range: the detections (best first, at
 * most the largest maxDets) with, per IoU threshold, whether each matched a ground-truth box and
 * whether it is ignored.
 *
 * @param category the category's index among the set's categories sorted by id
 * @param area the area range's index (all, small, medium, large)
 * @param scores detection scores, best first
 * @param matched per threshold, per detection: matched a ground-truth box
 * @param ignored per threshold, per detection: ignored (matched a crowd/out-of-range box, or
 *     unmatched and out of range)
 * @param counted ground-truth boxes that count (neither crowd nor out of range)
 */
public record CategoryEvaluation(
        int category, int area, double[] scores, boolean[][] matched, boolean[][] ignored, int counted)
        implements Serializable {}
