package io.mlops.eval;

import io.mlops.error.UserError;
import io.mlops.eval.metric.RegressionState;
import io.mlops.onnx.NdArray;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Reads regressor outputs: the first float output, one row of values per sample. */
final class RegressionReader implements OutputReader {
    private final String model;
    private RegressionState state;

    RegressionReader(String model) {
        this.model = model;
    }

    @Override
    public void read(Map<String, NdArray> outputs, List<Prepared> batch, List<String> nonFinite) {
        NdArray values =
                OutputReader.firstFloat(outputs, "regression values", model).getValue();
        int width = values.size() / batch.size();
        List<double[]> targets = new ArrayList<>();
        List<double[]> predictions = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            var item = batch.get(i).item();
            if (item.targets() == null || item.targets().length != width) {
                throw new UserError(item.name() + ": " + (item.targets() == null ? 0 : item.targets().length)
                        + " target values, the model predicts " + width + " per sample");
            }
            if (!OutputReader.finite(values.numbers(), i * width, (i + 1) * width)) {
                nonFinite.add(item.name());
                continue;
            }
            targets.add(item.targets());
            predictions.add(java.util.Arrays.copyOfRange(values.numbers(), i * width, (i + 1) * width));
        }
        if (state == null) {
            state = RegressionState.empty(width);
        }
        state = state.add(targets.toArray(double[][]::new), predictions.toArray(double[][]::new));
    }

    @Override
    public EvaluationState complete(EvaluationState s) {
        return s.withMetrics(null, state == null ? RegressionState.empty(1) : state, null, null, 0);
    }
}
