package io.mlops.jenkins.steps;

import io.mlops.onnx.TensorSpec;
import java.util.ArrayList;
import java.util.List;

/** An input or output of a converted model as a build keeps it: name, element type and dimensions. */
public final class TensorShape {
    private final String name;
    private final String type;
    private final ArrayList<String> dims;

    private TensorShape(TensorSpec spec) {
        this.name = spec.name();
        this.type = spec.type();
        this.dims = new ArrayList<>(spec.dims());
    }

    static List<TensorShape> of(List<TensorSpec> specs) {
        return specs.stream().map(TensorShape::new).toList();
    }

    /** @return the tensor's name */
    public String getName() {
        return name;
    }

    /** @return the element type, e.g. {@code float32} */
    public String getType() {
        return type;
    }

    /** @return the dimensions, symbolic ones by name */
    public List<String> getDims() {
        return List.copyOf(dims);
    }
}
