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
        return builder()
                .model(state.model(), state.modelSha256())
                .data(state.data())
                .task(state.task())
                .preprocessing(preprocessing)
                .shards(state.shards(), state.shardCount())
                .samples(state.samples())
                .metrics(computed.metrics)
                .classification(computed.classification)
                .regression(computed.regression)
                .detection(computed.detection)
                .latency(LatencySummary.of(state.latency()))
                .baselineMetrics(baseline)
                .verdict(verdict)
                .skipped(skipped)
                .nonFinite(state.nonFinite(), state.nonFiniteExamples())
                .build();
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

    /**
     * A builder, for a report made by name rather than by the position of its nineteen parts.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a report; {@code passed} follows from the verdict, so the two cannot disagree. */
    public static final class Builder {
        private String model;
        private String modelSha256;
        private String data;
        private Task task;
        private String preprocessing;
        private List<Integer> shards = List.of(0);
        private int shardCount = 1;
        private long samples;
        private Map<String, Double> metrics = Map.of();
        private ClassificationMetrics classification;
        private RegressionMetrics regression;
        private DetectionMetrics detection;
        private LatencySummary latency;
        private Map<String, Double> baselineMetrics;
        private Verdict verdict;
        private List<String> skipped = List.of();
        private long nonFinite;
        private List<String> nonFiniteExamples = List.of();

        private Builder() {}

        /**
         * Sets the model (required).
         *
         * @param name the model file's name
         * @param sha256 its SHA-256
         * @return this builder
         */
        public Builder model(String name, String sha256) {
            this.model = name;
            this.modelSha256 = sha256;
            return this;
        }

        /**
         * Sets the data spec (required).
         *
         * @param value the data spec
         * @return this builder
         */
        public Builder data(String value) {
            this.data = value;
            return this;
        }

        /**
         * Sets the task (required).
         *
         * @param value the task
         * @return this builder
         */
        public Builder task(Task value) {
            this.task = value;
            return this;
        }

        /**
         * Sets the preprocessing file.
         *
         * @param value the file, or null
         * @return this builder
         */
        public Builder preprocessing(String value) {
            this.preprocessing = value;
            return this;
        }

        /**
         * Sets the shards covered (default: the one shard of an unsplit set).
         *
         * @param covered the shards covered
         * @param count the shards the set was split into
         * @return this builder
         */
        public Builder shards(List<Integer> covered, int count) {
            this.shards = covered;
            this.shardCount = count;
            return this;
        }

        /**
         * Sets the samples in the metrics.
         *
         * @param value at least 0
         * @return this builder
         */
        public Builder samples(long value) {
            this.samples = value;
            return this;
        }

        /**
         * Sets every metric by the name gates use.
         *
         * @param value the metrics
         * @return this builder
         */
        public Builder metrics(Map<String, Double> value) {
            this.metrics = value;
            return this;
        }

        /**
         * Sets the classification details.
         *
         * @param value the details, or null
         * @return this builder
         */
        public Builder classification(ClassificationMetrics value) {
            this.classification = value;
            return this;
        }

        /**
         * Sets the regression details.
         *
         * @param value the details, or null
         * @return this builder
         */
        public Builder regression(RegressionMetrics value) {
            this.regression = value;
            return this;
        }

        /**
         * Sets the detection details.
         *
         * @param value the details, or null
         * @return this builder
         */
        public Builder detection(DetectionMetrics value) {
            this.detection = value;
            return this;
        }

        /**
         * Sets the model's speed (required).
         *
         * @param value the latency summary
         * @return this builder
         */
        public Builder latency(LatencySummary value) {
            this.latency = value;
            return this;
        }

        /**
         * Sets the baseline's metrics.
         *
         * @param value the metrics, or null without a baseline
         * @return this builder
         */
        public Builder baselineMetrics(Map<String, Double> value) {
            this.baselineMetrics = value;
            return this;
        }

        /**
         * Sets the gates' outcome (required); the report passes when it does.
         *
         * @param value the verdict
         * @return this builder
         */
        public Builder verdict(Verdict value) {
            this.verdict = value;
            return this;
        }

        /**
         * Sets the samples left out as unreadable.
         *
         * @param value each with its reason
         * @return this builder
         */
        public Builder skipped(List<String> value) {
            this.skipped = value;
            return this;
        }

        /**
         * Sets the samples whose outputs held NaN or infinity.
         *
         * @param count how many
         * @param examples the first of them
         * @return this builder
         */
        public Builder nonFinite(long count, List<String> examples) {
            this.nonFinite = count;
            this.nonFiniteExamples = examples;
            return this;
        }

        /**
         * Builds the report.
         *
         * @return the report
         * @throws IllegalArgumentException naming the required parts not set, or a count below 0
         */
        public EvaluationReport build() {
            List<String> missing = new ArrayList<>();
            if (model == null) {
                missing.add("model");
            }
            if (data == null) {
                missing.add("data");
            }
            if (task == null) {
                missing.add("task");
            }
            if (latency == null) {
                missing.add("latency");
            }
            if (verdict == null) {
                missing.add("verdict");
            }
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException("an evaluation report needs " + String.join(", ", missing));
            }
            if (samples < 0 || nonFinite < 0 || shardCount < 1) {
                throw new IllegalArgumentException("samples and non-finite counts are at least 0, shards at least 1: "
                        + samples + ", " + nonFinite + ", " + shardCount);
            }
            return new EvaluationReport(
                    model,
                    modelSha256,
                    data,
                    task,
                    preprocessing,
                    shards,
                    shardCount,
                    samples,
                    metrics,
                    classification,
                    regression,
                    detection,
                    latency,
                    baselineMetrics,
                    verdict,
                    verdict.passed(),
                    skipped,
                    nonFinite,
                    nonFiniteExamples);
        }
    }
}
