package io.mlops.eval.coco;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;

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
        implements Serializable {
    // a record compares arrays by identity; these compare their contents
    @Override
    public boolean equals(Object other) {
        return other instanceof CategoryEvaluation that
                && category == that.category
                && area == that.area
                && Arrays.equals(scores, that.scores)
                && Arrays.deepEquals(matched, that.matched)
                && Arrays.deepEquals(ignored, that.ignored)
                && counted == that.counted;
    }

    @Override
    public int hashCode() {
        return Objects.hash(category, area, counted) * 31
                + Arrays.hashCode(scores) * 31
                + Arrays.deepHashCode(matched) * 31
                + Arrays.deepHashCode(ignored);
    }

    @Override
    public String toString() {
        return "CategoryEvaluation[category=" + category + ", area=" + area + ", scores=" + Arrays.toString(scores)
                + ", matched=" + Arrays.deepToString(matched) + ", ignored=" + Arrays.deepToString(ignored)
                + ", counted=" + counted + "]";
    }
}
