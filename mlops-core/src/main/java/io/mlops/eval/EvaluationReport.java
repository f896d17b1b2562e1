package io.mlops.eval;

import io.mlops.eval.coco.CocoEvaluator;
import io.mlops.eval.coco.DetectionMetrics;
import io.mlops.eval.gate.Gate;
import io.mlops.eval.gate.GateResult;
import io.mlops.eval.gate.Verdict;
import io.mlops.eval.metric.ClassificationMetrics;
import io.mlops.eval.metric.RegressionMetrics;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of an evaluation: metrics, speed, the baseline's metrics and the verdict of the
 * gates. What the JSON report holds and a Jenkins build records.
 *
 * @param model the model file's name
 * @param modelSha256 its SHA-256
 * @param data the data spec
 * @param task the task
 * @param preprocessing the preprocessing file, or null
 * @param shards the shards covered
 * @param shardCount the shards the set was split into
 * @param samples samples in the metrics
 * @param metrics every metric by the name gates use
 * @param classification classification details, or null
 * @param regression regression details, or null
 * @param detection detection details, or null
 * @param latency the model's speed
 * @param baselineMetrics the baseline's metrics, or null without a baseline
 * @param verdict the gates' outcome
 * @param passed whether every gate holds
 * @param skipped samples left out as unreadable, with the reason
 * @param nonFinite samples whose outputs held NaN or infinity (left out of the metrics)
 * @param nonFiniteExamples the first of those
 */
public record EvaluationReport(
        String model,
        String modelSha256,
        String data,
        Task task,
        String preprocessing,
        List<Integer> shards,
        int shardCount,
        long samples,
        Map<String, Double> metrics,
        ClassificationMetrics classification,
        RegressionMetrics regression,
        DetectionMetrics detection,
        LatencySummary latency,
        Map<String, Double> baselineMetrics,
        Verdict verdict,
        boolean passed,
        List<String> skipped,
        long nonFinite,
        List<String> nonFiniteExamples)
        implements Serializable {
    /** Copies the collections. */
    public EvaluationReport {
        shards = List.copyOf(shards);
        metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        baselineMetrics = baselineMetrics == null
                ? null
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(baselineMetrics));
        skipped = List.copyOf(skipped);
        nonFiniteExamples = List.copyOf(nonFiniteExamples);
    }

    /**
     * Computes metrics and the verdict from a state.
     *
     * @param state the (merged) state
     * @param gates the gates
     * @param preprocessing the preprocessing file, or null
     * @return the report
     */
    public static EvaluationReport of(EvaluationState state, List<Gate> gates, String preprocessing) {
        Computed computed = compute(state);
        Map<String, Double> baseline = state.baseline() == null ? null : compute(state.baseline()).metrics;
        List<GateResult> results =
                new ArrayList<>(Verdict.of(gates, computed.metrics, baseline).results());
        if (state.nonFinite() > 0) {
            // a model that answers NaN for some inputs never passes, whatever else was asked
            results.add(Gate.parse("nonfinite_outputs == 0").check(computed.metrics, null));
        }
        Verdict verdict = new Verdict(results);
        List<String> skipped = state.skipped().stream().sorted().toList();
        return new EvaluationReport(
                state.model(),
                state.modelSha256(),
                state.data(),
                state.task(),
                preprocessing,
                state.shards(),
                state.shardCount(),
                state.samples(),
                computed.metrics,
                computed.classification,
                computed.regression,
                computed.detection,
                LatencySummary.of(state.latency()),
                baseline,
                verdict,
                verdict.passed(),
                skipped,
                state.nonFinite(),
                state.nonFiniteExamples());
    }

    private record Computed(
            Map<String, Double> metrics,
            ClassificationMetrics classification,
            RegressionMetrics regression,
            DetectionMetrics detection) {}

    private static Computed compute(EvaluationState state) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        ClassificationMetrics classification = null;
        RegressionMetrics regression = null;
        DetectionMetrics detection = null;
        switch (state.task()) {
            case CLASSIFICATION -> {
                classification = ClassificationMetrics.of(state.classification(), state.classNames());
                metrics.putAll(classification.named());
            }
            case REGRESSION -> {
                regression = RegressionMetrics.of(state.regression());
                metrics.putAll(regression.named());
            }
            case DETECTION -> {
                detection = new CocoEvaluator(state.categories()).accumulate(state.detection(), state.detections());
                metrics.putAll(detection.named());
            }
        }
        LatencySummary latency = LatencySummary.of(state.latency());
        metrics.put("p50_latency_ms", latency.p50Millis());
        metrics.put("p95_latency_ms", latency.p95Millis());
        metrics.put("p99_latency_ms", latency.p99Millis());
        metrics.put("throughput", latency.samplesPerSecond());
        metrics.put("samples", (double) state.samples());
        metrics.put("nonfinite_outputs", (double) state.nonFinite());
        return new Computed(metrics, classification, regression, detection);
    }

    /**
     * The report for people: the main metrics and the verdict.
     *
     * @return several lines
     */
    public String describe() {
        StringBuilder text = new StringBuilder();
        text.append(model)
                .append(" on ")
                .append(data)
                .append(": ")
                .append(samples)
                .append(" samples");
        if (shardCount > 1) {
            text.append(" (shards ")
                    .append(shards)
                    .append(" of ")
                    .append(shardCount)
                    .append(')');
        }
        text.append('\n');
        metrics.forEach((name, value) -> {
            if (!name.contains("[")) {
                text.append(String.format(
                        java.util.Locale.ROOT,
                        "  %-16s %.6g%s%n",
                        name,
                        value,
                        baselineMetrics != null && baselineMetrics.containsKey(name)
                                ? String.format(java.util.Locale.ROOT, "   (baseline %.6g)", baselineMetrics.get(name))
                                : ""));
            }
        });
        if (!skipped.isEmpty()) {
            text.append("skipped ")
                    .append(skipped.size())
                    .append(" unreadable samples, first: ")
                    .append(skipped.get(0))
                    .append('\n');
        }
        if (nonFinite > 0) {
            text.append(nonFinite)
                    .append(" samples gave NaN or infinite outputs (left out of the metrics): ")
                    .append(nonFiniteExamples)
                    .append('\n');
        }
        text.append(verdict.describe());
        return text.toString();
    }
}
