package io.mlops.onnx;

import java.io.Serializable;
import java.util.List;

/**
 * A model input or output as the ONNX graph declares it.
 *
 * @param name the tensor's name in the graph
 * @param type the element type, e.g. {@code float32}, or a non-tensor kind such as {@code sequence}
 * @param dims each dimension: a number, a symbolic name such as {@code batch}, or {@code ?}
 */
public record TensorSpec(String name, String type, List<String> dims) implements Serializable {
    /** Copies the dimensions. */
    public TensorSpec {
        if (name == null || type == null) {
            throw new IllegalArgumentException("a tensor needs a name and a type");
        }
        dims = List.copyOf(dims);
    }

    /**
     * The fixed size of a dimension.
     *
     * @param index the dimension
     * @return its size, or -1 when it is symbolic or unknown
     */
    public long fixedDim(int index) {
        String dim = dims.get(index);
        return dim.chars().allMatch(Character::isDigit) && !dim.isEmpty() ? Long.parseLong(dim) : -1;
    }

    /**
     * The signature for messages, e.g. {@code float32 [batch, 3, 224, 224]}.
     *
     * @return type and dimensions
     */
    public String describe() {
        return type + " [" + String.join(", ", dims) + "]";
    }
}
