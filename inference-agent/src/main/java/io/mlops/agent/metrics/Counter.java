package io.mlops.agent.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** A counter family: one {@link LongAdder} per label values, so counting takes no lock. */
public final class Counter implements MetricSource {
    private final String name;
    private final String help;
    private final List<String> labelNames;
    private final Map<List<String>, LongAdder> series = new ConcurrentHashMap<>();

    /**
     * Creates the family.
     *
     * @param name its name, ending in {@code _total}
     * @param help what it counts
     * @param labelNames its label names
     */
    public Counter(String name, String help, List<String> labelNames) {
        this.name = name;
        this.help = help;
        this.labelNames = List.copyOf(labelNames);
    }

    /**
     * Adds one.
     *
     * @param labelValues the series' label values, in the order of the names
     */
    public void increment(List<String> labelValues) {
        series.computeIfAbsent(labelValues, key -> new LongAdder()).increment();
    }

    /**
     * The count of a series.
     *
     * @param labelValues the series' label values
     * @return its count, 0 when never incremented
     */
    public long count(List<String> labelValues) {
        LongAdder adder = series.get(labelValues);
        return adder == null ? 0 : adder.sum();
    }

    /**
     * Drops the series whose first label values match, as when a model version is unloaded.
     *
     * @param prefix the leading label values
     */
    public void remove(List<String> prefix) {
        series.keySet().removeIf(key -> key.subList(0, prefix.size()).equals(prefix));
    }

    @Override
    public void writeTo(PrometheusText out) {
        out.family(name, "counter", help);
        series.forEach((labels, adder) -> out.sample(name, labelNames, labels, adder.sum()));
    }
}
