package io.mlops.agent.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlops.protocol.v2.DataType;
import io.mlops.protocol.v2.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The harness's comparison follows ONNX's runner: rtol 1e-3 / atol 1e-7, NaN equals NaN, exact integers. */
class TensorComparisonTest {
    @Test
    void shouldAcceptFloatsWithinTheRunnersTolerance() {
        assertThat(TensorComparison.difference(fp32(1000f, Float.NaN), fp32(1000.9f, Float.NaN)))
                .isEmpty();
    }

    @Test
    void shouldNameTheFirstFloatOutsideTheTolerance() {
        assertThat(TensorComparison.difference(fp32(1f, 2f), fp32(1f, 2.01f)))
                .hasValueSatisfying(d -> assertThat(d).startsWith("element 1 is 2.0099"));
        assertThat(TensorComparison.difference(fp32(Float.NaN), fp32(0f))).isPresent();
    }

    @Test
    void shouldRequireTheSameDatatypeShapeAndIntegers() {
        Tensor ints = Tensor.of("t", DataType.INT32, new long[] {1}, ByteBuffer.allocate(4));
        Tensor other = Tensor.of("t", DataType.INT32, new long[] {1}, ByteBuffer.wrap(new byte[] {1, 0, 0, 0}));
        assertThat(TensorComparison.difference(ints, other)).contains("INT32 elements differ");
        assertThat(TensorComparison.difference(fp32(1f), ints)).contains("datatype INT32, expected FP32");
        assertThat(TensorComparison.difference(fp32(1f, 2f), fp32(1f))).contains("shape [1], expected [2]");
    }

    private static Tensor fp32(float... values) {
        ByteBuffer data = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            data.putFloat(v);
        }
        return Tensor.of("t", DataType.FP32, new long[] {values.length}, data.flip());
    }
}
