package io.mlops.tracking;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Runs side by side: every param and every metric's final value (system metrics left out), one
 * row per key, one column per
 * run, with the rows whose values differ marked. What to look at first when two trainings of the
 * same model disagree.
 *
 * @param runIds the compared runs, in column order
 * @param rows params first, then metrics, each sorted by key
 */
public record RunComparison(List<String> runIds, List<Row> rows) implements Serializable {
    /** The fewest runs a comparison shows. */
    public static final int MIN_RUNS = 2;

    /** The most runs a comparison shows side by side. */
    public static final int MAX_RUNS = 4;

    /**
     * One compared key.
     *
     * @param kind {@code param} or {@code metric}
     * @param key the param's or metric's key
     * @param values one value per run, null where a run lacks the key
     * @param differs whether the runs disagree (a missing value counts as a difference)
     */
    public record Row(String kind, String key, List<String> values, boolean differs) implements Serializable {
        /** Validates the row. */
        public Row {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(key, "key");
            values = java.util.Collections.unmodifiableList(new ArrayList<>(values));
        }
    }

    /** Copies the lists. */
    public RunComparison {
        runIds = List.copyOf(runIds);
        rows = List.copyOf(rows);
    }

    /**
     * Compares runs.
     *
     * @param runs two to four runs
     * @return the comparison
     * @throws IllegalArgumentException for fewer than two or more than four runs
     */
    public static RunComparison of(List<Run> runs) {
        if (runs.size() < MIN_RUNS || runs.size() > MAX_RUNS) {
            throw new IllegalArgumentException("compare " + MIN_RUNS + " to " + MAX_RUNS + " runs, not " + runs.size());
        }
        List<Row> rows = new ArrayList<>();
        rows.addAll(
                rows(runs, "param", run -> run.params().stream().map(Param::key).toList(), Run::param));
        rows.addAll(rows(
                runs,
                "metric",
                // System metrics describe the machine, not the model; `runs show` has them.
                run -> run.metrics().stream()
                        .map(Metric::key)
                        .filter(key -> !key.startsWith("system/"))
                        .toList(),
                (run, key) -> run.metric(key).map(metric -> format(metric.value()))));
        return new RunComparison(runs.stream().map(Run::id).toList(), rows);
    }

    private static List<Row> rows(
            List<Run> runs,
            String kind,
            java.util.function.Function<Run, List<String>> keys,
            BiFunction<Run, String, Optional<String>> value) {
        TreeSet<String> allKeys = new TreeSet<>();
        runs.forEach(run -> allKeys.addAll(keys.apply(run)));
        List<Row> rows = new ArrayList<>();
        for (String key : allKeys) {
            List<String> values = new ArrayList<>();
            runs.forEach(run -> values.add(value.apply(run, key).orElse(null)));
            boolean differs = values.stream().distinct().count() > 1;
            rows.add(new Row(kind, key, values, differs));
        }
        return rows;
    }

    /**
     * A metric value as people read it: shortest exact decimal, NaN and infinities by name.
     *
     * @param value the value
     * @return e.g. {@code 0.25}, {@code 1.0E-5}, {@code NaN}
     */
    static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
