package io.mlops.eval.metric;

import java.io.Serializable;
import java.util.Arrays;

/**
 * Timings of the model's runs on this machine: one entry per run (a batch), mergeable by
 * concatenation.
 *
 * @param runMillis the wall time of each model run, in milliseconds
 * @param samples samples those runs processed
 */
public record LatencyState(double[] runMillis, long samples) implements Serializable {
    /** Copies the array. */
    public LatencyState {
        runMillis = runMillis.clone();
    }

    /**
     * Merges another shard's timings.
     *
     * @param other the other timings
     * @return both
     */
    public LatencyState merge(LatencyState other) {
        double[] all = Arrays.copyOf(runMillis, runMillis.length + other.runMillis.length);
        System.arraycopy(other.runMillis, 0, all, runMillis.length, other.runMillis.length);
        return new LatencyState(all, samples + other.samples);
    }

    /**
     * A percentile of the run times, interpolated linearly as numpy.percentile.
     *
     * @param percent 0 to 100
     * @return milliseconds, or 0 without runs
     */
    public double percentile(double percent) {
        if (runMillis.length == 0) {
            return 0;
        }
        double[] sorted = runMillis.clone();
        Arrays.sort(sorted);
        double position = (sorted.length - 1) * percent / 100;
        int lo = (int) Math.floor(position);
        int hi = (int) Math.ceil(position);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (position - lo);
    }

    /**
     * Samples per second of model time (the runs alone, without data loading).
     *
     * @return the throughput, or 0 without runs
     */
    public double throughput() {
        double seconds = Arrays.stream(runMillis).sum() / 1000;
        return seconds == 0 ? 0 : samples / seconds;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LatencyState that && samples == that.samples && Arrays.equals(runMillis, that.runMillis);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(runMillis) * 31 + Long.hashCode(samples);
    }

    @Override
    public String toString() {
        return "LatencyState[" + runMillis.length + " runs, " + samples + " samples]";
    }
}
