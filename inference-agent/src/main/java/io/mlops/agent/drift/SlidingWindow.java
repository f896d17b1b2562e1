package io.mlops.agent.drift;

/**
 * The last N rows' values of one input, one column per statistic (a row mean, or each feature): a
 * ring buffer, so memory stays fixed however long the agent serves.
 */
final class SlidingWindow {
    private final double[][] columns;
    private int next;
    private int size;

    SlidingWindow(int width, int capacity) {
        if (capacity < 1 || width < 1) {
            throw new IllegalArgumentException("window of " + width + " columns and " + capacity + " rows");
        }
        this.columns = new double[width][capacity];
    }

    int width() {
        return columns.length;
    }

    /**
     * Adds rows.
     *
     * @param values {@code [column][row]}, with as many columns as the window
     */
    synchronized void add(double[][] values) {
        int capacity = columns[0].length;
        int rows = values[0].length;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns.length; c++) {
                columns[c][next] = values[c][r];
            }
            next = (next + 1) % capacity;
            size = Math.min(size + 1, capacity);
        }
    }

    /**
     * The rows held, oldest order not kept (PSI does not need it).
     *
     * @return {@code [column][row]}, a copy
     */
    synchronized double[][] snapshot() {
        double[][] copy = new double[columns.length][];
        for (int c = 0; c < columns.length; c++) {
            copy[c] = java.util.Arrays.copyOf(columns[c], size);
        }
        return copy;
    }

    synchronized int size() {
        return size;
    }
}
