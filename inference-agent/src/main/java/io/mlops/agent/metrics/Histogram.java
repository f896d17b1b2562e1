package io.mlops.agent.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * A histogram family with fixed bucket bounds: each observation increments one bucket's
 * {@link LongAdder} (no lock), and the exposition writes the cumulative {@code _bucket} counts with
 * their {@code le} labels, then {@code _sum} and {@code _count}.
 */
public final class Histogram implements MetricSource {
    /** Bounds for durations in seconds, 100 microseconds to 10 seconds. */
    public static final double[] SECONDS = {
        0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
    };

    /** Bounds for batch sizes, powers of two to 1,024. */
    public static final double[] BATCH_SIZES = {1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024};

    private final String name;
    private final String help;
    private final List<String> labelNames;
    private final double[] bounds;
    private final Map<List<String>, Series> series = new ConcurrentHashMap<>();

    /**
     * Creates the family.
     *
     * @param name its name
     * @param help what it measures
     * @param labelNames its label names (not {@code le})
     * @param bounds the buckets' upper bounds, increasing; {@code +Inf} is added
     */
    public Histogram(String name, String help, List<String> labelNames, double[] bounds) {
        this.name = name;
        this.help = help;
        this.labelNames = List.copyOf(labelNames);
        this.bounds = bounds.clone();
    }

    /**
     * Records one observation.
     *
     * @param labelValues the series' label values
     * @param value the value observed
     */
    public void observe(List<String> labelValues, double value) {
        series.computeIfAbsent(labelValues, key -> new Series(bounds.length + 1))
                .observe(bucket(value), value);
    }

    /**
     * How many observations a series has.
     *
     * @param labelValues the series' label values
     * @return the count
     */
    public long count(List<String> labelValues) {
        Series s = series.get(labelValues);
        return s == null
                ? 0
                : Arrays.stream(s.buckets).mapToLong(LongAdder::sum).sum();
    }

    /**
     * Drops the series whose first label values match.
     *
     * @param prefix the leading label values
     */
    public void remove(List<String> prefix) {
        series.keySet().removeIf(key -> key.subList(0, prefix.size()).equals(prefix));
    }

    private int bucket(double value) {
        int found = Arrays.binarySearch(bounds, value);
        return found >= 0 ? found : -found - 1; // le is inclusive: a value on a bound counts there
    }

    @Override
    public void writeTo(PrometheusText out) {
        out.family(name, "histogram", help);
        List<String> bucketLabels = new ArrayList<>(labelNames);
        bucketLabels.add("le");
        series.forEach((labels, s) -> {
            long cumulative = 0;
            List<String> values = new ArrayList<>(labels);
            values.add("");
            for (int i = 0; i <= bounds.length; i++) {
                cumulative += s.buckets[i].sum();
                values.set(values.size() - 1, i < bounds.length ? PrometheusText.number(bounds[i]) : "+Inf");
                out.sample(name + "_bucket", bucketLabels, values, cumulative);
            }
            out.sample(name + "_sum", labelNames, labels, s.sum.sum());
            out.sample(name + "_count", labelNames, labels, cumulative);
        });
    }

    private static final class Series {
        final LongAdder[] buckets;
        final DoubleAdder sum = new DoubleAdder();

        Series(int size) {
            buckets = new LongAdder[size];
            for (int i = 0; i < size; i++) {
                buckets[i] = new LongAdder();
            }
        }

        void observe(int bucket, double value) {
            buckets[bucket].increment();
            sum.add(value);
        }
    }
}
