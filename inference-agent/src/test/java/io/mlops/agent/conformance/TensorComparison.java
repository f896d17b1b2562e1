package io.mlops.agent.conformance;

import io.mlops.protocol.v2.DataType;
import io.mlops.protocol.v2.Tensor;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Optional;

/**
 * Compares a backend's output with ONNX's expected one the way ONNX's backend test runner does
 * ({@code numpy.testing.assert_allclose} with rtol 1e-3 and atol 1e-7): same datatype and shape;
 * floating values within {@code atol + rtol * |expected|}, NaN where NaN is expected; everything else
 * equal bit for bit.
 */
final class TensorComparison {
    static final double RTOL = 1e-3;
    static final double ATOL = 1e-7;

    private TensorComparison() {}

    /**
     * Compares two tensors.
     *
     * @param expected ONNX's output
     * @param actual the backend's output
     * @return empty when they agree, else what differs first
     */
    static Optional<String> difference(Tensor expected, Tensor actual) {
        if (expected.datatype() != actual.datatype()) {
            return Optional.of("datatype " + actual.datatype() + ", expected " + expected.datatype());
        }
        if (!Arrays.equals(expected.shape(), actual.shape())) {
            return Optional.of(
                    "shape " + Arrays.toString(actual.shape()) + ", expected " + Arrays.toString(expected.shape()));
        }
        DataType type = expected.datatype();
        ByteBuffer want = expected.data();
        ByteBuffer got = actual.data();
        if (type != DataType.FP32 && type != DataType.FP64 && type != DataType.FP16 && type != DataType.BF16) {
            return want.equals(got) ? Optional.empty() : Optional.of(type + " elements differ");
        }
        int size = type.elementSize();
        for (int i = 0; want.hasRemaining(); i++) {
            double w = read(type, want);
            double g = read(type, got);
            boolean same = Double.isNaN(w) ? Double.isNaN(g) : w == g || Math.abs(g - w) <= ATOL + RTOL * Math.abs(w);
            if (!same) {
                return Optional.of("element " + i + " is " + g + ", expected " + w + " (" + size * 8 + "-bit float)");
            }
        }
        return Optional.empty();
    }

    private static double read(DataType type, ByteBuffer data) {
        return switch (type) {
            case FP32 -> data.getFloat();
            case FP64 -> data.getDouble();
            case FP16 -> Float.float16ToFloat(data.getShort());
            case BF16 -> Float.intBitsToFloat((data.getShort() & 0xFFFF) << 16);
            default -> throw new IllegalArgumentException(type.name());
        };
    }
}
