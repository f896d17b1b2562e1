package io.mlops.agent.metrics;

import io.mlops.agent.batch.BatchObserver;
import io.mlops.agent.serve.Overloaded;
import io.mlops.agent.serve.UnknownModel;
import io.mlops.protocol.v2.InvalidInput;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

/**
 * The agent's metrics in Prometheus terms: requests by outcome, request, queue and compute
 * durations and batch sizes, per model and version, plus whatever {@link MetricSource sources} add
 * at scrape time (model load times, input drift, GPU memory); the same measurements are also
 * exported under Triton Inference Server's names ({@link TritonMetrics}). Recording takes no
 * lock: each series is a set of {@link java.util.concurrent.atomic.LongAdder LongAdders}.
 */
public final class AgentMetrics {
    private static final List<String> MODEL = List.of("model", "version");
    private static final double NANOS = 1e9;

    private final Counter requests = new Counter(
            "mlops_agent_requests_total",
            "Inference requests answered, by outcome and, for failures, the reason.",
            List.of("model", "version", "outcome", "reason"));
    private final Histogram requestDuration = new Histogram(
            "mlops_agent_request_duration_seconds",
            "Time from taking an inference request to having its answer, queue included.",
            MODEL,
            Histogram.SECONDS);
    private final Histogram queueDuration = new Histogram(
            "mlops_agent_queue_duration_seconds",
            "Time a request waited in its model's queue before its batch executed.",
            MODEL,
            Histogram.SECONDS);
    private final Histogram computeDuration = new Histogram(
            "mlops_agent_compute_duration_seconds",
            "Time the runtime took to execute one batch.",
            MODEL,
            Histogram.SECONDS);
    private final Histogram batchSize =
            new Histogram("mlops_agent_batch_size", "Rows in each executed batch.", MODEL, Histogram.BATCH_SIZES);
    private final TritonMetrics triton = new TritonMetrics();
    private final List<MetricSource> sources = new CopyOnWriteArrayList<>();

    /**
     * Counts an answered request and its duration.
     *
     * @param model the model (left empty when the model or version is unknown)
     * @param version the version that answered (or was asked for, when none answered)
     * @param failure what went wrong, or null for a success
     * @param durationNanos the time from taking the request to its answer
     */
    public void requestFinished(String model, String version, Throwable failure, long durationNanos) {
        // Names of models the agent does not serve come from clients: as labels they would let
        // anyone grow the series without bound, so those requests share one empty-labelled series.
        String m = failure instanceof UnknownModel ? "" : model;
        String v = version == null || failure instanceof UnknownModel ? "" : version;
        requests.increment(List.of(m, v, failure == null ? "success" : "failure", reason(failure)));
        requestDuration.observe(List.of(m, v), durationNanos / NANOS);
        triton.requestFinished(List.of(m, v), failure == null, durationNanos);
    }

    /**
     * The reason label of a failure.
     *
     * @param failure what went wrong, or null
     * @return {@code ok}, {@code invalid_input}, {@code unknown_model}, {@code timeout},
     *     {@code overloaded} or {@code internal}
     */
    public static String reason(Throwable failure) {
        return switch (failure) {
            case null -> "ok";
            case InvalidInput e -> "invalid_input";
            case UnknownModel e -> "unknown_model";
            case Overloaded e when e.getCause() instanceof TimeoutException -> "timeout";
            case Overloaded e -> "overloaded";
            default -> "internal";
        };
    }

    /**
     * The observer a model version's batcher reports to.
     *
     * @param model the model
     * @param version the version
     * @return an observer recording queue times, compute times and batch sizes
     */
    public BatchObserver batchObserver(String model, String version) {
        List<String> labels = List.of(model, version);
        return new BatchObserver() {
            @Override
            public void dequeued(long queueNanos) {
                queueDuration.observe(labels, queueNanos / NANOS);
                triton.dequeued(labels, queueNanos);
            }

            @Override
            public void executed(int requestCount, int rows, long computeNanos) {
                computeDuration.observe(labels, computeNanos / NANOS);
                batchSize.observe(labels, rows);
                triton.executed(labels, requestCount, rows, computeNanos);
            }
        };
    }

    /**
     * Forgets a model version's series, once it is unloaded.
     *
     * @param model the model
     * @param version the version
     */
    public void modelUnloaded(String model, String version) {
        List<String> labels = List.of(model, version);
        requests.remove(labels);
        requestDuration.remove(labels);
        queueDuration.remove(labels);
        computeDuration.remove(labels);
        batchSize.remove(labels);
        triton.remove(labels);
    }

    /**
     * Adds families read at scrape time.
     *
     * @param source the source
     */
    public void addSource(MetricSource source) {
        sources.add(source);
    }

    /**
     * How many requests of a model version ended with an outcome and reason.
     *
     * @param model the model
     * @param version the version
     * @param failure a failure of the kind to count, or null for successes
     * @return the count
     */
    public long requests(String model, String version, Throwable failure) {
        return requests.count(List.of(model, version, failure == null ? "success" : "failure", reason(failure)));
    }

    /**
     * Writes every family.
     *
     * @return the exposition text
     */
    public String scrape() {
        StringBuilder text = new StringBuilder(4096);
        PrometheusText out = new PrometheusText(text);
        requests.writeTo(out);
        requestDuration.writeTo(out);
        queueDuration.writeTo(out);
        computeDuration.writeTo(out);
        batchSize.writeTo(out);
        triton.writeTo(out);
        for (MetricSource source : sources) {
            source.writeTo(out);
        }
        return text.toString();
    }
}
