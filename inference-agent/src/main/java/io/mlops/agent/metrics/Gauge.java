package io.mlops.agent.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A gauge family whose values are set, such as how long each model version took to load. */
public final class Gauge implements MetricSource {
    private final String name;
    private final String help;
    private final List<String> labelNames;
    private final Map<List<String>, Double> series = new ConcurrentHashMap<>();

    /**
     * Creates the family.
     *
     * @param name its name
     * @param help what it measures
     * @param labelNames its label names
     */
    public Gauge(String name, String help, List<String> labelNames) {
        this.name = name;
        this.help = help;
        this.labelNames = List.copyOf(labelNames);
    }

    /**
     * Sets a series' value.
     *
     * @param labelValues the series' label values
     * @param value the value
     */
    public void set(List<String> labelValues, double value) {
        series.put(List.copyOf(labelValues), value);
    }

    /**
     * Drops the series whose first label values match.
     *
     * @param prefix the leading label values
     */
    public void remove(List<String> prefix) {
        series.keySet().removeIf(key -> key.subList(0, prefix.size()).equals(prefix));
    }

    @Override
    public void writeTo(PrometheusText out) {
        if (!series.isEmpty()) {
            out.family(name, "gauge", help);
            series.forEach((labels, value) -> out.sample(name, labelNames, labels, value));
        }
    }
}
