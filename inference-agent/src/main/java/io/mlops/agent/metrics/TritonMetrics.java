package io.mlops.agent.metrics;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToLongFunction;

/**
 * The agent's measurements again under the names Triton Inference Server exports, so that
 * dashboards written for Triton read the agent: per model and version, the counters
 * {@code nv_inference_request_success}, {@code nv_inference_request_failure},
 * {@code nv_inference_count} (rows: a batch of n counts n), {@code nv_inference_exec_count} (runtime
 * executions: a batch of n counts 1), and the cumulative microsecond counters
 * {@code nv_inference_request_duration_us} (successful requests only, as in Triton),
 * {@code nv_inference_queue_duration_us} and {@code nv_inference_compute_infer_duration_us} (each
 * request adds the compute time of the batch it ran in, as in Triton).
 *
 * <p>It measures nothing itself: {@link AgentMetrics} hands it the same durations it records in its
 * own families. Requests for models the agent does not serve have no series, as in Triton.
 */
final class TritonMetrics implements MetricSource {
    private static final List<String> LABELS = List.of("model", "version");
    private static final long NANOS_PER_MICRO = 1000;

    private final Map<List<String>, Series> series = new ConcurrentHashMap<>();

    /**
     * Counts an answered request.
     *
     * @param labels model and version; an empty model (one the agent does not serve) is not counted
     * @param success whether the request was answered with outputs
     * @param durationNanos the time from taking the request to its answer
     */
    void requestFinished(List<String> labels, boolean success, long durationNanos) {
        if (labels.getFirst().isEmpty()) {
            return;
        }
        Series s = of(labels);
        if (success) {
            s.success.increment();
            s.requestNanos.add(durationNanos);
        } else {
            s.failure.increment();
        }
    }

    /**
     * Adds a request's time in the queue.
     *
     * @param labels model and version
     * @param queueNanos the time it waited
     */
    void dequeued(List<String> labels, long queueNanos) {
        of(labels).queueNanos.add(queueNanos);
    }

    /**
     * Counts one execution of the runtime.
     *
     * @param labels model and version
     * @param requests the requests in the batch
     * @param rows the rows in the batch
     * @param computeNanos the time the runtime took
     */
    void executed(List<String> labels, int requests, int rows, long computeNanos) {
        Series s = of(labels);
        s.executions.increment();
        s.inferences.add(rows);
        s.computeNanos.add(computeNanos * requests);
    }

    /**
     * Drops a model version's series.
     *
     * @param labels model and version
     */
    void remove(List<String> labels) {
        series.remove(labels);
    }

    private Series of(List<String> labels) {
        return series.computeIfAbsent(labels, key -> new Series());
    }

    @Override
    public void writeTo(PrometheusText out) {
        write(
                out,
                "nv_inference_request_success",
                "Number of successful inference requests, all batch sizes",
                s -> s.success.sum());
        write(
                out,
                "nv_inference_request_failure",
                "Number of failed inference requests, all batch sizes",
                s -> s.failure.sum());
        write(
                out,
                "nv_inference_count",
                "Number of inferences performed (rows: a batch of n counts n)",
                s -> s.inferences.sum());
        write(
                out,
                "nv_inference_exec_count",
                "Number of model executions performed (a batch counts once)",
                s -> s.executions.sum());
        write(
                out,
                "nv_inference_request_duration_us",
                "Cumulative inference request duration in microseconds (successful requests)",
                s -> s.requestNanos.sum() / NANOS_PER_MICRO);
        write(
                out,
                "nv_inference_queue_duration_us",
                "Cumulative inference queuing duration in microseconds",
                s -> s.queueNanos.sum() / NANOS_PER_MICRO);
        write(
                out,
                "nv_inference_compute_infer_duration_us",
                "Cumulative compute inference duration in microseconds (each request adds its batch's time)",
                s -> s.computeNanos.sum() / NANOS_PER_MICRO);
    }

    private void write(PrometheusText out, String name, String help, ToLongFunction<Series> value) {
        out.family(name, "counter", help);
        series.forEach((labels, s) -> out.sample(name, LABELS, labels, value.applyAsLong(s)));
    }

    private static final class Series {
        final LongAdder success = new LongAdder();
        final LongAdder failure = new LongAdder();
        final LongAdder inferences = new LongAdder();
        final LongAdder executions = new LongAdder();
        final LongAdder requestNanos = new LongAdder();
        final LongAdder queueNanos = new LongAdder();
        final LongAdder computeNanos = new LongAdder();
    }
}
