package io.mlops.tracking;

import java.util.List;
import java.util.Locale;

/**
 * One metric's history as an SVG polyline: steps left to right, values bottom to top, scaled to
 * the chart's box. Numbers only, so the page can write the points into an attribute safely.
 *
 * @param key the metric
 * @param points the polyline's points, "x,y x,y ..."
 * @param min the smallest value
 * @param max the largest value
 * @param last the latest value
 */
public record MetricChart(String key, String points, double min, double max, double last) {
    /** The chart's width in SVG units. */
    public static final int WIDTH = 400;

    /** The chart's height in SVG units. */
    public static final int HEIGHT = 120;

    /**
     * Draws a history.
     *
     * @param key the metric
     * @param history its values in order of step, at least one
     * @return the chart
     */
    public static MetricChart of(String key, List<Metric> history) {
        double min = history.stream().mapToDouble(Metric::value).min().orElse(0);
        double max = history.stream().mapToDouble(Metric::value).max().orElse(0);
        long firstStep = history.getFirst().step();
        long lastStep = history.getLast().step();
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < history.size(); i++) {
            Metric metric = history.get(i);
            double x = lastStep == firstStep
                    ? WIDTH * (history.size() == 1 ? 0.5 : (double) i / (history.size() - 1))
                    : WIDTH * (double) (metric.step() - firstStep) / (lastStep - firstStep);
            double y = max == min ? HEIGHT / 2.0 : HEIGHT - HEIGHT * (metric.value() - min) / (max - min);
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        return new MetricChart(
                key, points.toString().strip(), min, max, history.getLast().value());
    }
}
