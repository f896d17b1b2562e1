package io.mlops.eval;

import io.mlops.error.UserError;
import io.mlops.eval.metric.ClassificationAccumulator;
import io.mlops.onnx.NdArray;
import java.util.List;
import java.util.Map;

/**
 * Reads classifier outputs: per-class scores (a float output {@code [batch, classes]}), or labels
 * alone (an integer output) when the model gives no scores.
 */
final class ClassificationReader implements OutputReader {
    private final String model;
    private final List<String> classNames;
    private ClassificationAccumulator accumulator;
    private int classes;

    ClassificationReader(String model, List<String> classNames) {
        this.model = model;
        this.classNames = classNames;
    }

    @Override
    public void read(Map<String, NdArray> outputs, List<Prepared> batch, List<String> nonFinite) {
        NdArray scores = null;
        NdArray labels = null;
        for (NdArray output : outputs.values()) {
            long[] shape = output.shape();
            if (scores == null && output.type().isFloat() && shape.length == 2 && shape[1] >= 2) {
                scores = output;
            } else if (labels == null
                    && !output.type().isFloat()
                    && output.type() != io.mlops.onnx.ElementType.STRING
                    && output.size() == batch.size()) {
                labels = output;
            }
        }
        if (scores == null && labels == null) {
            throw new UserError(
                    model + " gives neither class scores [batch, classes] nor integer labels; its outputs are "
                            + outputs.entrySet().stream()
                                    .map(e -> e.getKey() + ": " + e.getValue().describe())
                                    .toList());
        }
        if (accumulator == null) {
            classes = scores != null ? (int) scores.shape()[1] : Math.max(classNames.size(), 2);
            if (!classNames.isEmpty() && classNames.size() != classes) {
                throw new UserError(model + " scores " + classes + " classes, the data has " + classNames.size() + ": "
                        + classNames);
            }
            accumulator = new ClassificationAccumulator(classes, scores != null);
        }
        for (int i = 0; i < batch.size(); i++) {
            var item = batch.get(i).item();
            if (item.label() < 0 || item.label() >= classes) {
                throw new UserError(item.name() + ": class "
                        + (item.label() < 0
                                ? "label is not a class index"
                                : item.label() + " is outside the model's " + classes + " classes"));
            }
            if (scores != null) {
                if (!OutputReader.finite(scores.numbers(), i * classes, (i + 1) * classes)) {
                    nonFinite.add(item.name());
                    continue;
                }
                float[] row = new float[classes];
                for (int c = 0; c < classes; c++) {
                    row[c] = (float) scores.numbers()[i * classes + c];
                }
                accumulator.add(item.label(), row);
            } else {
                int predicted = (int) labels.numbers()[i];
                if (predicted < 0 || predicted >= classes) {
                    throw new UserError(model + " predicted class " + predicted + " for " + item.name()
                            + ", outside the data's " + classes + " classes");
                }
                accumulator.addLabel(item.label(), predicted);
            }
        }
    }

    @Override
    public EvaluationState complete(EvaluationState state) {
        var classification = accumulator == null
                ? new ClassificationAccumulator(Math.max(2, classNames.size()), true).state()
                : accumulator.state();
        return state.withMetrics(classification, null, null, null, 0);
    }
}
