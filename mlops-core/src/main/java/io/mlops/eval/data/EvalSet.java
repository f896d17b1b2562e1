package io.mlops.eval.data;

import io.mlops.eval.coco.CocoGroundTruth;
import java.util.List;

/**
 * An evaluation set: samples read by index, so that shards and worker threads can take any subset.
 * Reading is thread-safe.
 */
public interface EvalSet {
    /**
     * The number of samples.
     *
     * @return the count
     */
    int size();

    /**
     * A sample's name without reading it, for messages.
     *
     * @param index the sample
     * @return e.g. the file path or {@code row 12}
     */
    String name(int index);

    /**
     * Reads a sample.
     *
     * @param index the sample
     * @return the sample
     * @throws io.mlops.error.UserError when it cannot be read (a corrupt image), naming it
     */
    Item read(int index);

    /**
     * Class names in class-index order, when the set knows them.
     *
     * @return the names, or empty
     */
    default List<String> classNames() {
        return List.of();
    }

    /**
     * The ground truth of a detection set.
     *
     * @return the COCO ground truth, or null for other sets
     */
    default CocoGroundTruth groundTruth() {
        return null;
    }
}
