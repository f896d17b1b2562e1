package io.mlops.agent.backend.openvino;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import io.mlops.error.UserError;
import io.mlops.protocol.v2.DataType;
import io.mlops.protocol.v2.TensorSpec;
import java.util.Optional;

/** Reads the name, element type and partial shape of a model's input or output port. */
final class Ports {
    /** {@code sizeof(ov_partial_shape_t)}: an {@code ov_rank_t {int64 min, max}} and a dims pointer. */
    static final int PARTIAL_SHAPE_BYTES = 24;
    /** {@code sizeof(ov_dimension_t)}: {@code {int64 min, max}}. */
    static final int DIMENSION_BYTES = 16;

    private Ports() {}

    /**
     * Describes a port as a V2 tensor spec.
     *
     * @param runtime the library
     * @param port an {@code ov_output_const_port_t*}
     * @param index the port's position, for a name when the model gives none
     * @param kind {@code input} or {@code output}
     * @param model the model file, for error messages
     * @return the spec; -1 for each dynamic dimension
     * @throws UserError when the element type has no V2 datatype (strings among them) or the rank is dynamic
     */
    static TensorSpec spec(OpenVinoRuntime runtime, Pointer port, long index, String kind, String model) {
        String name = name(runtime, port).orElse(kind + "_" + index);
        IntByReference type = new IntByReference();
        runtime.check(
                runtime.api.ov_port_get_element_type(port, type),
                "read the element type of " + kind + " '" + name + "'");
        DataType datatype = runtime.types
                .dataType(type.getValue())
                .orElseThrow(() -> new UserError("model " + model + ": " + kind + " '" + name + "' has element type "
                        + runtime.types.name(type.getValue()) + ", which the openvino backend does not serve"
                        + (runtime.types.isString(type.getValue())
                                ? " (BYTES/string tensors are not supported)"
                                : "")));
        return new TensorSpec(name, datatype, shape(runtime, port, kind + " '" + name + "'", model));
    }

    private static Optional<String> name(OpenVinoRuntime runtime, Pointer port) {
        PointerByReference name = new PointerByReference();
        // a port without tensor names answers an error; the caller then names it by position
        if (runtime.api.ov_port_get_any_name(port, name) != 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(name.getValue().getString(0, "UTF-8"));
        } finally {
            runtime.api.ov_free(name.getValue());
        }
    }

    /**
     * Reads a port's partial shape.
     *
     * @param runtime the library
     * @param port an {@code ov_output_const_port_t*}
     * @param what the port, for error messages
     * @param model the model file, for error messages
     * @return the dimensions, -1 where dynamic
     * @throws UserError when the rank itself is dynamic
     */
    static long[] shape(OpenVinoRuntime runtime, Pointer port, String what, String model) {
        Memory partial = new Memory(PARTIAL_SHAPE_BYTES);
        partial.clear();
        runtime.check(runtime.api.ov_port_get_partial_shape(port, partial), "read the shape of " + what);
        try {
            long rankMin = partial.getLong(0);
            long rankMax = partial.getLong(8);
            if (rankMax < 0 || rankMin != rankMax) {
                throw new UserError("model " + model + ": " + what
                        + " has a dynamic rank, which the openvino backend does not serve");
            }
            Pointer dims = partial.getPointer(16);
            long[] shape = new long[(int) rankMax];
            for (int i = 0; i < shape.length; i++) {
                long min = dims.getLong((long) i * DIMENSION_BYTES);
                long max = dims.getLong((long) i * DIMENSION_BYTES + 8);
                shape[i] = min == max && min >= 0 ? min : -1;
            }
            return shape;
        } finally {
            runtime.api.ov_partial_shape_free(partial);
        }
    }
}
