package io.mlops.eval;

import io.mlops.error.UserError;
import io.mlops.eval.data.EvalSet;
import io.mlops.eval.gate.Gate;
import io.mlops.progress.ProgressListener;
import java.nio.file.Path;
import java.util.List;

/**
 * Evaluates a model (and its baseline, on the same samples) and judges it by the gates; merges
 * shards evaluated elsewhere.
 */
public final class Evaluation {
    private final BaselineResolver baselines;

    /**
     * Creates an evaluation.
     *
     * @param baselines resolves {@code --baseline} values
     */
    public Evaluation(BaselineResolver baselines) {
        this.baselines = baselines;
    }

    /**
     * Evaluates.
     *
     * @param request what and how
     * @param progress told about each model's run
     * @return the state (to write for a later merge) and the report
     * @throws UserError for bad models, data or gates
     */
    public Outcome evaluate(EvaluationRequest request, ProgressListener progress) {
        Path baselineModel = request.baseline() == null ? null : baselines.resolve(request.baseline());
        EvalSet set = request.data().open(request.task(), request.preprocessing());
        ModelRunner runner = new ModelRunner(request, set);
        EvaluationState state = runner.run(request.model(), progress);
        if (baselineModel != null) {
            EvaluationState baseline = runner.run(baselineModel, progress);
            state = state.withBaseline(baseline);
        }
        String preprocessing = request.preprocessingFile() == null
                ? null
                : request.preprocessingFile().toString();
        return new Outcome(state, EvaluationReport.of(state, request.gates(), preprocessing));
    }

    /**
     * Merges shard states and judges the whole.
     *
     * @param states the shards' states
     * @param gates the gates
     * @return the merged state and its report
     * @throws UserError when the states do not belong together or a shard is missing
     */
    public static Outcome merge(List<EvaluationState> states, List<Gate> gates) {
        if (states.isEmpty()) {
            throw new UserError("nothing to merge: give the shards' state.json files");
        }
        EvaluationState merged = states.get(0);
        for (EvaluationState next : states.subList(1, states.size())) {
            merged = merged.merge(next);
        }
        if (!merged.complete()) {
            List<Integer> missing = new java.util.ArrayList<>();
            for (int s = 0; s < merged.shardCount(); s++) {
                if (!merged.shards().contains(s)) {
                    missing.add(s);
                }
            }
            throw new UserError("shards " + missing + " of " + merged.shardCount() + " are missing from the merge");
        }
        if (merged.samples() == 0 && merged.nonFinite() == 0) {
            throw new UserError("the evaluation set " + merged.data() + " is empty: the merged shards hold no samples");
        }
        return new Outcome(merged, EvaluationReport.of(merged, gates, null));
    }

    /**
     * An evaluation's state and report.
     *
     * @param state the mergeable state
     * @param report the metrics and verdict
     */
    public record Outcome(EvaluationState state, EvaluationReport report) {}
}
