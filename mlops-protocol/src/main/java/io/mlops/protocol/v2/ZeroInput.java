package io.mlops.protocol.v2;

import io.mlops.error.UserError;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The one rule for the input a model is warmed up and smoke-tested with when no sample is given:
 * zeros (false for BOOL, empty strings for BYTES) in each declared shape, every dynamic dimension
 * taken as 1, whether it is the batch or an inner one. Zeros are valid for any numeric input, so the
 * whole graph runs without knowing what the model expects; a model that cannot run on a size of 1
 * says so in its own error, and the user gives a sample input instead.
 */
public final class ZeroInput {
    /** The most elements one zero tensor may hold (64 MiB of FP32): a bigger one is no useful warm-up. */
    public static final long MAX_ELEMENTS = 16_777_216;

    private ZeroInput() {}

    /**
     * The zero input of a model.
     *
     * @param inputs the model's declared inputs
     * @return one tensor per input, in order
     * @throws UserError naming the input when its zero tensor would hold more than {@link
     *     #MAX_ELEMENTS} elements
     */
    public static List<Tensor> of(List<TensorSpec> inputs) {
        List<Tensor> tensors = new ArrayList<>();
        for (TensorSpec spec : inputs) {
            long[] shape = spec.shape();
            for (int i = 0; i < shape.length; i++) {
                shape[i] = Math.max(shape[i], 1);
            }
            long count = Tensor.elementCount(spec.name(), shape);
            if (count > MAX_ELEMENTS) {
                throw new UserError("a zero input for '" + spec.name() + "' " + spec.datatype() + Arrays.toString(shape)
                        + " would hold " + count + " elements, more than " + MAX_ELEMENTS + "; give a sample input");
            }
            // BYTES: each element is a 4-byte length of 0.
            long bytes = count
                    * (spec.datatype() == DataType.BYTES ? 4 : spec.datatype().elementSize());
            tensors.add(Tensor.of(spec.name(), spec.datatype(), shape, ByteBuffer.allocate(Math.toIntExact(bytes))));
        }
        return tensors;
    }
}
