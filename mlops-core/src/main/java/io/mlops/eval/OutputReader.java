package io.mlops.eval;

import io.mlops.onnx.NdArray;
import java.util.List;
import java.util.Map;

/** Turns a batch's model outputs into a task's metric state. Not thread-safe: one batch at a time. */
interface OutputReader {
    /**
     * Reads a batch.
     *
     * @param outputs the model's outputs by name, in graph order
     * @param batch the samples of the batch, in input order
     * @param nonFinite receives the names of samples whose outputs held NaN or infinity
     */
    void read(Map<String, NdArray> outputs, List<Prepared> batch, List<String> nonFinite);

    /**
     * Puts what was read into a state.
     *
     * @param state the state with everything but the task's part
     * @return the state with it
     */
    EvaluationState complete(EvaluationState state);

    /**
     * A float output of rank 2 (or 1): the usual score or value output.
     *
     * @param outputs the outputs
     * @param what what the task wants, for the message
     * @param model the model, for the message
     * @return the first float output
     */
    static Map.Entry<String, NdArray> firstFloat(Map<String, NdArray> outputs, String what, String model) {
        for (var entry : outputs.entrySet()) {
            if (entry.getValue().type().isFloat()) {
                return entry;
            }
        }
        throw new io.mlops.error.UserError(model + " has no float output for " + what + "; its outputs are "
                + outputs.entrySet().stream()
                        .map(e -> e.getKey() + ": " + e.getValue().describe())
                        .toList());
    }

    /**
     * Whether all values are finite.
     *
     * @param values the values
     * @param from the first index
     * @param to one past the last
     * @return true without NaN or infinity
     */
    static boolean finite(double[] values, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Double.isFinite(values[i])) {
                return false;
            }
        }
        return true;
    }
}
