package io.mlops.eval.coco;

import java.io.Serializable;
import java.util.List;

/**
 * Everything COCO evaluation needs to know about one image once its detections are matched: the
 * mergeable unit of a detection evaluation (shards evaluate disjoint images; the merge accumulates
 * them in image-id order).
 *
 * @param imageId the image
 * @param evaluations one per category and area range that has a box or a detection
 */
public record ImageEvaluation(long imageId, List<CategoryEvaluation> evaluations) implements Serializable {
    /** Copies the list. */
    public ImageEvaluation {
        evaluations = List.copyOf(evaluations);
    }
}
