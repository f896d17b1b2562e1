package io.mlops.agent.batch;

import io.mlops.protocol.v2.DataType;
import io.mlops.protocol.v2.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What requests must share to run in one batch: the same inputs in the same order, each with the
 * same datatype and the same dimensions after the first, and the same outputs asked for.
 *
 * @param inputs each input's name, datatype and non-batch dimensions, in order
 * @param outputs the outputs asked for
 */
record BatchKey(List<InputKey> inputs, Set<String> outputs) {
    /**
     * One input's part of the key.
     *
     * @param name the input's name
     * @param datatype its datatype
     * @param rowShape its dimensions after the first
     */
    record InputKey(String name, DataType datatype, List<Long> rowShape) {}

    /**
     * The key of a request, or null when it cannot join a batch: an input without a first
     * dimension, or inputs that disagree on it.
     *
     * @param inputs the request's inputs
     * @param outputs the outputs it asks for
     * @return the key, or null
     */
    static BatchKey of(List<Tensor> inputs, Set<String> outputs) {
        if (inputs.isEmpty()) {
            return null;
        }
        long rows = -1;
        List<InputKey> keys = new ArrayList<>(inputs.size());
        for (Tensor input : inputs) {
            long[] shape = input.shape();
            if (shape.length == 0 || (rows >= 0 && shape[0] != rows)) {
                return null;
            }
            rows = shape[0];
            keys.add(new InputKey(
                    input.name(),
                    input.datatype(),
                    Arrays.stream(shape, 1, shape.length).boxed().toList()));
        }
        return new BatchKey(List.copyOf(keys), outputs);
    }

    /**
     * The number of rows of a request: its inputs' first dimension.
     *
     * @param inputs the request's inputs
     * @return the rows, or 1 for an input without dimensions
     */
    static int rows(List<Tensor> inputs) {
        long[] shape = inputs.isEmpty() ? new long[0] : inputs.getFirst().shape();
        return shape.length == 0 ? 1 : (int) Math.min(Integer.MAX_VALUE, shape[0]);
    }
}
