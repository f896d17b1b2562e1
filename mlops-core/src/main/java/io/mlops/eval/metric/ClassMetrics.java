package io.mlops.eval.metric;

import java.io.Serializable;

/**
 * Precision, recall and F1 of one class, scikit-learn's way (0 where undefined).
 *
 * @param name the class name
 * @param precision true positives / predicted positives
 * @param recall true positives / actual positives
 * @param f1 2 tp / (2 tp + fp + fn)
 * @param support samples of the class
 */
public record ClassMetrics(String name, double precision, double recall, double f1, long support)
        implements Serializable {}
