package io.mlops.agent.serve;

import io.mlops.agent.tensor.DataType;
import io.mlops.agent.tensor.Tensor;
import io.mlops.agent.tensor.TensorSpec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The warm-up input of a bundle without a sample: zeros (empty strings for BYTES) in each declared
 * shape, a dynamic dimension taken as 1.
 */
final class ZeroInput {
    private ZeroInput() {}

    static List<Tensor> of(List<TensorSpec> inputs) {
        List<Tensor> tensors = new ArrayList<>();
        for (TensorSpec spec : inputs) {
            long[] shape = spec.shape();
            for (int i = 0; i < shape.length; i++) {
                shape[i] = Math.max(shape[i], 1);
            }
            long count = Tensor.elementCount(spec.name(), shape);
            // BYTES: each element is a 4-byte length of 0.
            long bytes = count
                    * (spec.datatype() == DataType.BYTES ? 4 : spec.datatype().elementSize());
            tensors.add(Tensor.of(spec.name(), spec.datatype(), shape, ByteBuffer.allocate(Math.toIntExact(bytes))));
        }
        return tensors;
    }
}
