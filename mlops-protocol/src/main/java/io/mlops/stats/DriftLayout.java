package io.mlops.stats;

/**
 * How an input tensor is summarised for drift, decided in one place because two sides must agree
 * on it: the bundle's reference statistics written at deployment and the agent's live window.
 * A tabular input ({@code [rows, features]} with at most {@value #MAX_FEATURES} features) is
 * compared feature by feature; anything else (images, sequences, wide tables) by each row's mean.
 */
public final class DriftLayout {
    /** The most features a tabular input may have to be compared one by one. */
    public static final int MAX_FEATURES = 64;

    private DriftLayout() {}

    /**
     * Whether an input of this shape is compared feature by feature.
     *
     * @param shape the tensor's shape
     * @return true for {@code [rows, features]} with 1 to {@value #MAX_FEATURES} features
     */
    public static boolean perFeature(long[] shape) {
        return shape.length == 2 && shape[1] >= 1 && shape[1] <= MAX_FEATURES;
    }
}
