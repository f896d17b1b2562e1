package io.mlops.eval;

import io.mlops.error.UserError;
import io.mlops.eval.coco.ImageEvaluation;
import io.mlops.eval.metric.ClassificationState;
import io.mlops.eval.metric.LatencyState;
import io.mlops.eval.metric.RegressionState;
import io.mlops.labels.Category;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * What evaluating (part of) a set produced, before metrics: mergeable, so that shards evaluated
 * on several agents merge into the state of the whole set.
 *
 * @param task the task
 * @param model the model file's name
 * @param modelSha256 the model's SHA-256, so that only states of the same model merge
 * @param data the data spec
 * @param shards the shard indices this state covers
 * @param shardCount the number of shards the set was split into
 * @param classNames class names, when the data has them
 * @param samples samples evaluated
 * @param classification the classification state, or null
 * @param regression the regression state, or null
 * @param detection per-image COCO evaluations, or null
 * @param categories the COCO categories, or null
 * @param detections detections the model made
 * @param latency model run timings
 * @param skipped samples left out (unreadable), with the reason
 * @param nonFinite samples whose outputs held NaN or infinity (left out of the metrics)
 * @param nonFiniteExamples the first of those samples, by name
 * @param baseline the baseline model's state on the same samples, or null
 */
public record EvaluationState(
        Task task,
        String model,
        String modelSha256,
        String data,
        List<Integer> shards,
        int shardCount,
        List<String> classNames,
        long samples,
        ClassificationState classification,
        RegressionState regression,
        List<ImageEvaluation> detection,
        List<Category> categories,
        long detections,
        LatencyState latency,
        List<String> skipped,
        long nonFinite,
        List<String> nonFiniteExamples,
        EvaluationState baseline)
        implements Serializable {
    /** How many non-finite samples are named in the report. */
    public static final int EXAMPLES = 10;

    /** Copies the lists. */
    public EvaluationState {
        shards = List.copyOf(new TreeSet<>(shards));
        classNames = List.copyOf(classNames);
        detection = detection == null ? null : List.copyOf(detection);
        categories = categories == null ? null : List.copyOf(categories);
        skipped = List.copyOf(skipped);
        nonFiniteExamples = List.copyOf(nonFiniteExamples);
    }

    /**
     * Merges another shard's state of the same model and data.
     *
     * @param other the other shard
     * @return the combined state
     * @throws UserError when the states are of different models, data or shard splits, or overlap
     */
    public EvaluationState merge(EvaluationState other) {
        if (task != other.task
                || !modelSha256.equals(other.modelSha256)
                || !data.equals(other.data)
                || shardCount != other.shardCount) {
            throw new UserError("cannot merge evaluations of different models, data or shard counts: " + model + " on "
                    + data + " (" + shardCount + " shards) and " + other.model + " on " + other.data + " ("
                    + other.shardCount + " shards)");
        }
        for (int s : other.shards) {
            if (shards.contains(s)) {
                throw new UserError("shard " + s + "/" + shardCount + " is given twice");
            }
        }
        List<Integer> allShards = new ArrayList<>(shards);
        allShards.addAll(other.shards);
        List<ImageEvaluation> images = null;
        if (detection != null) {
            images = new ArrayList<>(detection);
            images.addAll(other.detection);
        }
        List<String> allSkipped = new ArrayList<>(skipped);
        allSkipped.addAll(other.skipped);
        List<String> examples = new ArrayList<>(nonFiniteExamples);
        examples.addAll(other.nonFiniteExamples);
        if (examples.size() > EXAMPLES) {
            examples = examples.subList(0, EXAMPLES);
        }
        if ((baseline == null) != (other.baseline == null)) {
            throw new UserError("cannot merge shards evaluated with and without a baseline");
        }
        return new EvaluationState(
                task,
                model,
                modelSha256,
                data,
                allShards,
                shardCount,
                classNames,
                samples + other.samples,
                classification == null ? null : classification.merge(other.classification),
                regression == null ? null : regression.merge(other.regression),
                images,
                categories,
                detections + other.detections,
                latency.merge(other.latency),
                allSkipped,
                nonFinite + other.nonFinite,
                examples,
                baseline == null ? null : baseline.merge(other.baseline));
    }

    /**
     * Whether every shard is in.
     *
     * @return true when the state covers the whole set
     */
    public boolean complete() {
        return shards.size() == shardCount;
    }

    /**
     * This state with the task's metric state set, the metric states of other tasks left empty.
     *
     * @param classification classification state, or null
     * @param regression regression state, or null
     * @param detection per-image detection results, or null
     * @param categories the detection categories, or null
     * @param detections how many detections were read
     * @return a new state
     */
    public EvaluationState withMetrics(
            ClassificationState classification,
            RegressionState regression,
            List<ImageEvaluation> detection,
            List<Category> categories,
            long detections) {
        return new EvaluationState(
                task,
                model,
                modelSha256,
                data,
                shards,
                shardCount,
                classNames,
                samples,
                classification,
                regression,
                detection,
                categories,
                detections,
                latency,
                skipped,
                nonFinite,
                nonFiniteExamples,
                baseline);
    }

    /**
     * This state with a baseline's state attached, for gates such as {@code accuracy >= baseline}.
     *
     * @param baseline the baseline model's state
     * @return a new state
     */
    public EvaluationState withBaseline(EvaluationState baseline) {
        return new EvaluationState(
                task,
                model,
                modelSha256,
                data,
                shards,
                shardCount,
                classNames,
                samples,
                classification,
                regression,
                detection,
                categories,
                detections,
                latency,
                skipped,
                nonFinite,
                nonFiniteExamples,
                baseline);
    }
}
