package io.mlops.tracking;

import java.io.Serializable;
import java.util.Objects;

/**
 * One point of a metric series: a value at a step and a time. Values may be NaN or infinite.
 *
 * @param key the metric's name
 * @param value the value
 * @param timestamp when it was measured, in milliseconds since the epoch
 * @param step the training step
 */
public record Metric(String key, double value, long timestamp, long step) implements Serializable {
    /** Validates the point. */
    public Metric {
        Objects.requireNonNull(key, "key");
    }

    /**
     * Whether this point supersedes another as the metric's latest value: MLflow orders by step,
     * then timestamp, then value.
     *
     * @param other a point of the same metric
     * @return true when this point comes later
     */
    public boolean laterThan(Metric other) {
        if (step != other.step) {
            return step > other.step;
        }
        if (timestamp != other.timestamp) {
            return timestamp > other.timestamp;
        }
        return comparableValue() > other.comparableValue();
    }

    /**
     * The value as MLflow stores it for ordering: NaN counts as 0.
     *
     * @return the value, 0 for NaN
     */
    public double comparableValue() {
        return Double.isNaN(value) ? 0 : value;
    }
}
