package io.mlops.protocol.v2;

import io.mlops.error.UserError;
import io.mlops.onnx.ElementType;
import java.util.Arrays;
import java.util.Objects;

/**
 * The declared name, datatype and shape of a model input or output; a dimension of -1 is dynamic
 * (the batch dimension, usually).
 *
 * @param name the tensor's name in the model
 * @param datatype its element type
 * @param shape its dimensions, -1 where any size is accepted
 */
public record TensorSpec(String name, DataType datatype, long[] shape) {
    /** Validates and copies the shape. */
    public TensorSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(datatype, "datatype");
        shape = shape.clone();
    }

    /**
     * The V2 view of a tensor an ONNX graph declares: its element type as a V2 datatype, a symbolic
     * or unknown dimension as -1.
     *
     * @param declared the graph's declaration
     * @return the spec
     * @throws UserError when the tensor is of no type the V2 protocol carries (a sequence, a map)
     */
    public static TensorSpec of(io.mlops.onnx.TensorSpec declared) {
        ElementType type = ElementType.ofLabel(declared.type());
        if (type == null) {
            throw new UserError("tensor '" + declared.name() + "' is " + declared.describe()
                    + ", which the V2 protocol cannot carry");
        }
        long[] shape = new long[declared.dims().size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = declared.fixedDim(i);
        }
        return new TensorSpec(declared.name(), DataType.of(type), shape);
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /**
     * Whether a concrete shape fits this declaration.
     *
     * @param actual the dimensions of a request's tensor
     * @return true when the ranks match and every fixed dimension is equal
     */
    public boolean accepts(long[] actual) {
        if (actual.length != shape.length) {
            return false;
        }
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] >= 0 && shape[i] != actual[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorSpec other
                && name.equals(other.name)
                && datatype == other.datatype
                && Arrays.equals(shape, other.shape);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, datatype, Arrays.hashCode(shape));
    }

    @Override
    public String toString() {
        return name + " " + datatype + Arrays.toString(shape);
    }
}
