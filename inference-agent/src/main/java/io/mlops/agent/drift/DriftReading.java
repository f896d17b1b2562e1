package io.mlops.agent.drift;

import java.util.List;

/**
 * How far one input's recent values have moved from its reference.
 *
 * @param psi the population stability index: of the row means, or the largest of the features'
 *     (NaN before any request)
 * @param window how many recent rows it was computed on
 * @param features each feature's PSI for a tabular input; empty otherwise
 */
public record DriftReading(double psi, int window, List<Double> features) {
    /** Copies the features. */
    public DriftReading {
        features = List.copyOf(features);
    }
}
