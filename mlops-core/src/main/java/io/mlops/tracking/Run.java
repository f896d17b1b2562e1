package io.mlops.tracking;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One execution of training code and everything it logged.
 *
 * @param info what the run is
 * @param metrics the latest point of each metric
 * @param params its params
 * @param tags its tags
 * @param inputs the datasets it used
 */
public record Run(RunInfo info, List<Metric> metrics, List<Param> params, List<Tag> tags, List<DatasetInput> inputs)
        implements Serializable {
    /** Validates the run. */
    public Run {
        Objects.requireNonNull(info, "info");
        metrics = List.copyOf(metrics);
        params = List.copyOf(params);
        tags = List.copyOf(tags);
        inputs = List.copyOf(inputs);
    }

    /**
     * The run's id.
     *
     * @return 32 hex digits
     */
    public String id() {
        return info.runId();
    }

    /**
     * The value of a tag.
     *
     * @param key the tag's key
     * @return the value, or empty when the tag is not set
     */
    public Optional<String> tag(String key) {
        return tags.stream().filter(t -> t.key().equals(key)).map(Tag::value).findFirst();
    }

    /**
     * The value of a param.
     *
     * @param key the param's key
     * @return the value, or empty when it was not logged
     */
    public Optional<String> param(String key) {
        return params.stream()
                .filter(p -> p.key().equals(key))
                .map(Param::value)
                .findFirst();
    }

    /**
     * The latest point of a metric.
     *
     * @param key the metric's key
     * @return the point, or empty when it was not logged
     */
    public Optional<Metric> metric(String key) {
        return metrics.stream().filter(m -> m.key().equals(key)).findFirst();
    }

    /**
     * The run's context (source, Git state, data snapshots, host), read from its tags and inputs.
     *
     * @return the context
     */
    public RunContext context() {
        return RunContext.of(tags, inputs);
    }
}
