package io.mlops.monitor;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns two successive reads of an agent's {@code /metrics} into the {@link HealthSample} of one
 * deployment over the interval between them: request rate and error rate from the difference of
 * the request counters, latency percentiles from the difference of the request duration
 * histogram's buckets (interpolated inside a bucket, as Prometheus' {@code histogram_quantile}
 * does), and each input's drift as the later read gives it.
 *
 * <p>It reads the agent's own names ({@code mlops_agent_requests_total},
 * {@code mlops_agent_request_duration_seconds}, {@code mlops_agent_input_psi}) and, for an agent
 * that only has Triton's names, counts requests from {@code nv_inference_request_success} and
 * {@code nv_inference_request_failure} (Triton exports no duration histogram, so its percentiles
 * stay NaN). A counter lower than at the previous read means the agent restarted: the interval then
 * counts from zero, as Prometheus' {@code rate} does.
 *
 * <p>The agent labels a failed request that named no version with an empty {@code version} (it
 * cannot know which version would have answered); such requests count for the deployment, which is
 * the one version the registry records on the endpoint.
 */
public final class HealthDelta {
    static final String REQUESTS = "mlops_agent_requests_total";
    static final String DURATION_BUCKET = "mlops_agent_request_duration_seconds_bucket";
    static final String DURATION_COUNT = "mlops_agent_request_duration_seconds_count";
    static final String PSI = "mlops_agent_input_psi";
    static final String TRITON_SUCCESS = "nv_inference_request_success";
    static final String TRITON_FAILURE = "nv_inference_request_failure";
    private static final double MILLIS = 1000;

    private HealthDelta() {}

    /**
     * The sample of one deployment between two reads of its agent.
     *
     * @param model the registered model, the agent's {@code model} label
     * @param version the version deployed, the agent's {@code version} label
     * @param endpoint the deployment's endpoint
     * @param before the earlier read
     * @param beforeAt when the earlier read was taken, epoch milliseconds
     * @param after the later read
     * @param afterAt when the later read was taken, epoch milliseconds; after {@code beforeAt}
     * @return the sample at {@code afterAt}
     */
    public static HealthSample between(
            String model,
            int version,
            String endpoint,
            PrometheusScrape before,
            long beforeAt,
            PrometheusScrape after,
            long afterAt) {
        if (afterAt <= beforeAt) {
            throw new IllegalArgumentException(
                    "the later read (" + afterAt + ") is not after the earlier (" + beforeAt + ")");
        }
        List<Map<String, String>> labels = List.of(
                Map.of("model", model, "version", Integer.toString(version)), Map.of("model", model, "version", ""));
        boolean triton = !after.has(REQUESTS) && after.has(TRITON_SUCCESS);
        double requestsAfter = requests(after, labels, triton);
        double failuresAfter = failures(after, labels, triton);
        PrometheusScrape from = before;
        if (requestsAfter < requests(before, labels, triton)
                || failuresAfter < failures(before, labels, triton)
                || sum(after, DURATION_COUNT, labels) < sum(before, DURATION_COUNT, labels)) {
            from = new PrometheusScrape(List.of());
        }
        double requests = requestsAfter - requests(from, labels, triton);
        double failures = failuresAfter - failures(from, labels, triton);
        double seconds = (afterAt - beforeAt) / MILLIS;
        TreeMap<Double, Double> buckets = bucketDeltas(from, after, labels);
        return new HealthSample(
                model,
                version,
                endpoint,
                afterAt,
                requests / seconds,
                requests > 0 ? failures / requests : Double.NaN,
                quantile(buckets, 0.50) * MILLIS,
                quantile(buckets, 0.95) * MILLIS,
                quantile(buckets, 0.99) * MILLIS,
                psi(after, labels.getFirst()));
    }

    private static double sum(PrometheusScrape scrape, String name, List<Map<String, String>> labels) {
        return labels.stream().mapToDouble(l -> scrape.sum(name, l)).sum();
    }

    private static double requests(PrometheusScrape scrape, List<Map<String, String>> labels, boolean triton) {
        return triton
                ? sum(scrape, TRITON_SUCCESS, labels) + sum(scrape, TRITON_FAILURE, labels)
                : sum(scrape, REQUESTS, labels);
    }

    private static double failures(PrometheusScrape scrape, List<Map<String, String>> labels, boolean triton) {
        if (triton) {
            return sum(scrape, TRITON_FAILURE, labels);
        }
        return labels.stream()
                .mapToDouble(l -> {
                    Map<String, String> failed = new java.util.HashMap<>(l);
                    failed.put("outcome", "failure");
                    return scrape.sum(REQUESTS, failed);
                })
                .sum();
    }

    /** Cumulative counts of the interval by upper bound (seconds), +Inf last. */
    private static TreeMap<Double, Double> bucketDeltas(
            PrometheusScrape before, PrometheusScrape after, List<Map<String, String>> labels) {
        TreeMap<Double, Double> cumulative = new TreeMap<>();
        for (PrometheusScrape.Series bucket : series(after, labels)) {
            double le = bound(bucket.labels().get("le"));
            if (!Double.isNaN(le)) {
                cumulative.merge(le, bucket.value(), Double::sum);
            }
        }
        for (PrometheusScrape.Series bucket : series(before, labels)) {
            double le = bound(bucket.labels().get("le"));
            if (cumulative.containsKey(le)) {
                cumulative.merge(le, -bucket.value(), Double::sum);
            }
        }
        return cumulative;
    }

    private static List<PrometheusScrape.Series> series(PrometheusScrape scrape, List<Map<String, String>> labels) {
        return labels.stream()
                .flatMap(l -> scrape.series(DURATION_BUCKET, l).stream())
                .toList();
    }

    private static double bound(String le) {
        if (le == null) {
            return Double.NaN;
        }
        if (le.equals("+Inf") || le.equals("Inf")) {
            return Double.POSITIVE_INFINITY;
        }
        try {
            return Double.parseDouble(le);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /**
     * The q-quantile of a cumulative histogram, interpolated linearly inside its bucket; the highest
     * finite bound when it falls in the +Inf bucket; NaN when the histogram is empty.
     */
    static double quantile(TreeMap<Double, Double> cumulative, double q) {
        if (cumulative.isEmpty()) {
            return Double.NaN;
        }
        double total = cumulative.lastEntry().getValue();
        if (!(total > 0)) {
            return Double.NaN;
        }
        double rank = q * total;
        double lower = 0;
        double countBelow = 0;
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            double upper = bucket.getKey();
            double count = bucket.getValue();
            if (count >= rank) {
                if (Double.isInfinite(upper)) {
                    return lower;
                }
                double inBucket = count - countBelow;
                return inBucket <= 0 ? upper : lower + (upper - lower) * (rank - countBelow) / inBucket;
            }
            lower = upper;
            countBelow = count;
        }
        return lower;
    }

    private static Map<String, Double> psi(PrometheusScrape scrape, Map<String, String> labels) {
        Map<String, Double> psi = new TreeMap<>();
        for (PrometheusScrape.Series series : scrape.series(PSI, labels)) {
            String input = series.labels().get("input");
            if (input != null && Double.isFinite(series.value())) {
                psi.put(input, series.value());
            }
        }
        return psi;
    }
}
