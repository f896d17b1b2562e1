package io.mlops.labels.card;

import java.util.Objects;

/**
 * One bar of a chart.
 *
 * @param label what the bar stands for
 * @param value its length, not negative
 */
record Bar(String label, long value) {
    /** Validates the bar. */
    Bar {
        Objects.requireNonNull(label, "label");
        if (value < 0) {
            throw new IllegalArgumentException("bar values are counts: " + value);
        }
    }
}
