package io.mlops.agent.backend.openvino;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.agent.backend.LoadOptions;
import io.mlops.agent.backend.LoadedModel;
import io.mlops.agent.backend.OnnxModels;
import io.mlops.error.UserError;
import io.mlops.onnx.TestModels;
import io.mlops.onnx.proto.OnnxProto.TensorProto;
import io.mlops.protocol.v2.DataType;
import io.mlops.protocol.v2.Tensor;
import io.mlops.protocol.v2.TensorSpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The OpenVINO backend on its real CPU plugin, from the openvino PyPI wheel's libraries. */
class OpenVinoBackendTest {
    private static OpenVinoBackend backend;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadRuntime() {
        backend = OpenVinoLibraries.backend();
    }

    @AfterAll
    static void closeRuntime() {
        if (backend != null) {
            backend.close();
        }
    }

    private LoadOptions cpu(int sessions) {
        return new LoadOptions("CPU", sessions, dir.resolve("compiled"));
    }

    @Test
    void shouldReportTheRuntimeVersion() {
        assertThat(backend.name()).isEqualTo("openvino");
        assertThat(backend.runtimeVersion()).startsWith("2026.4.1");
    }

    @Test
    void shouldComputeALinearModelOnTheCpu() {
        Path file = TestModels.linear(
                dir.resolve("linear.onnx"), 17, new float[] {1, 2, 3, 4, 5, 6}, 2, new float[] {0.5f, -1f, 0f});
        try (LoadedModel model = backend.load(file, cpu(1))) {
            assertThat(model.inputs()).containsExactly(new TensorSpec("x", DataType.FP32, new long[] {-1, 2}));
            assertThat(model.outputs()).containsExactly(new TensorSpec("y", DataType.FP32, new long[] {-1, 3}));

            List<Tensor> out = model.infer(List.of(floats("x", new long[] {2, 2}, 1, 1, 0, 2)), Set.of());

            assertThat(out).hasSize(1);
            assertThat(out.get(0).shape()).containsExactly(2, 3);
            // [1,1]·W + b = [5.5, 6, 9]; [0,2]·W + b = [8.5, 9, 12]
            assertThat(toFloats(out.get(0))).containsExactly(5.5f, 6f, 9f, 8.5f, 9f, 12f);
        }
    }

    @Test
    void shouldMakeAFixedBatchDynamic() {
        Path file = OnnxModels.sumAndProduct(dir.resolve("static.onnx"), 1, 3);
        try (LoadedModel model = backend.load(file, cpu(1))) {
            assertThat(model.inputs().get(0).shape()).containsExactly(-1, 3);

            List<Tensor> out = model.infer(List.of(floats("x", new long[] {2, 3}, 1, 2, 3, 4, 5, 6)), Set.of());

            assertThat(toFloats(out.get(0))).containsExactly(2, 4, 6, 8, 10, 12);
            assertThat(toFloats(out.get(1))).containsExactly(1, 4, 9, 16, 25, 36);
        }
    }

    @Test
    void shouldReturnOnlyTheOutputsAskedFor() {
        Path file = OnnxModels.sumAndProduct(dir.resolve("two.onnx"), -1, 2);
        try (LoadedModel model = backend.load(file, cpu(1))) {
            List<Tensor> out = model.infer(List.of(floats("x", new long[] {1, 2}, 3, 4)), Set.of("product"));

            assertThat(out).extracting(Tensor::name).containsExactly("product");
            assertThat(toFloats(out.get(0))).containsExactly(9, 16);
        }
    }

    static Stream<Arguments> elementTypes() {
        return Stream.of(
                Arguments.of(TensorProto.DataType.BOOL_VALUE, DataType.BOOL),
                Arguments.of(TensorProto.DataType.UINT8_VALUE, DataType.UINT8),
                Arguments.of(TensorProto.DataType.INT8_VALUE, DataType.INT8),
                Arguments.of(TensorProto.DataType.INT16_VALUE, DataType.INT16),
                Arguments.of(TensorProto.DataType.INT32_VALUE, DataType.INT32),
                Arguments.of(TensorProto.DataType.INT64_VALUE, DataType.INT64),
                Arguments.of(TensorProto.DataType.FLOAT16_VALUE, DataType.FP16),
                Arguments.of(TensorProto.DataType.FLOAT_VALUE, DataType.FP32),
                Arguments.of(TensorProto.DataType.DOUBLE_VALUE, DataType.FP64));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("elementTypes")
    void shouldMapElementTypesBothWays(int onnxType, DataType datatype) {
        Path file = OnnxModels.identity(dir.resolve("identity.onnx"), onnxType, -1, 4);
        try (LoadedModel model = backend.load(file, cpu(1))) {
            assertThat(model.inputs().get(0).datatype()).isEqualTo(datatype);
            assertThat(model.outputs().get(0).datatype()).isEqualTo(datatype);
            // values 1..4 (0/1 for BOOL): small, because the CPU plugin runs INT64 in 32 bits
            ByteBuffer values = ByteBuffer.allocate(4 * datatype.elementSize()).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 1; i <= 4; i++) {
                switch (datatype) {
                    case BOOL -> values.put((byte) (i % 2));
                    case UINT8, INT8 -> values.put((byte) i);
                    case INT16 -> values.putShort((short) i);
                    case INT32 -> values.putInt(i);
                    case INT64 -> values.putLong(i);
                    case FP16 -> values.putShort(Float.floatToFloat16(i));
                    case FP32 -> values.putFloat(i);
                    case FP64 -> values.putDouble(i);
                    default -> throw new IllegalArgumentException(datatype.name());
                }
            }
            byte[] bytes = values.array();
            Tensor input = Tensor.of("x", datatype, new long[] {1, 4}, ByteBuffer.wrap(bytes));

            Tensor output = model.infer(List.of(input), Set.of()).get(0);

            assertThat(output.datatype()).isEqualTo(datatype);
            byte[] back = new byte[output.data().remaining()];
            output.data().get(back);
            assertThat(back).isEqualTo(bytes);
        }
    }

    @Test
    void shouldRefuseStringTensorsWithAClearError() {
        Path file = OnnxModels.identity(dir.resolve("strings.onnx"), TensorProto.DataType.STRING_VALUE, -1);
        assertThatThrownBy(() -> backend.load(file, cpu(1)))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("strings.onnx")
                .hasMessageContaining("BYTES");
    }

    @Test
    void shouldNameTheFileOfACorruptModel() throws Exception {
        Path file = Files.writeString(dir.resolve("corrupt.onnx"), "this is not protobuf");
        assertThatThrownBy(() -> backend.load(file, cpu(1)))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("OpenVINO cannot read model " + file.toAbsolutePath());
    }

    @Test
    void shouldNameAnUnknownDevice() {
        Path file = OnnxModels.identity(dir.resolve("id.onnx"), TensorProto.DataType.FLOAT_VALUE, -1, 2);
        assertThatThrownBy(() -> backend.load(file, new LoadOptions("TPU", 1, dir.resolve("compiled"))))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("for device TPU");
    }

    @Test
    void shouldRejectAMissingFile() {
        assertThatThrownBy(() -> backend.load(dir.resolve("absent.onnx"), cpu(1)))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("absent.onnx does not exist");
    }

    @Test
    void shouldReportTheRuntimesReasonForAWrongShape() {
        Path file = OnnxModels.sumAndProduct(dir.resolve("shape.onnx"), -1, 3);
        try (LoadedModel model = backend.load(file, cpu(1))) {
            assertThatThrownBy(() -> model.infer(List.of(floats("x", new long[] {1, 2}, 1, 2)), Set.of()))
                    .isInstanceOf(UserError.class)
                    .hasMessageContaining("OpenVINO cannot");
        }
    }

    @Test
    void shouldFillTheModelCacheForTheNextLoad() throws Exception {
        Path file = TestModels.linear(dir.resolve("cached.onnx"), 17, new float[] {1, 2}, 2, new float[] {0});
        backend.load(file, cpu(1)).close();
        try (Stream<Path> cached = Files.list(dir.resolve("compiled"))) {
            assertThat(cached.filter(f -> f.toString().endsWith(".blob"))).isNotEmpty();
        }
        try (LoadedModel again = backend.load(file, cpu(1))) {
            assertThat(toFloats(again.infer(List.of(floats("x", new long[] {1, 2}, 1, 1)), Set.of())
                            .get(0)))
                    .containsExactly(3f);
        }
    }

    @Test
    void shouldServeConcurrentCallsFromItsPoolOfRequests() throws Exception {
        Path file = OnnxModels.sumAndProduct(dir.resolve("pool.onnx"), -1, 1);
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try (LoadedModel model = backend.load(file, cpu(2))) {
            List<Future<Float>> answers = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                float value = i;
                answers.add(threads.submit(() ->
                        toFloats(model.infer(List.of(floats("x", new long[] {1, 1}, value)), Set.of("product"))
                                .get(0))[0]));
            }
            for (int i = 0; i < answers.size(); i++) {
                assertThat(answers.get(i).get()).isEqualTo((float) i * i);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    static Tensor floats(String name, long[] shape, float... values) {
        ByteBuffer data = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            data.putFloat(v);
        }
        return Tensor.of(name, DataType.FP32, shape, data.flip());
    }

    static float[] toFloats(Tensor tensor) {
        ByteBuffer data = tensor.data();
        float[] values = new float[data.remaining() / 4];
        for (int i = 0; i < values.length; i++) {
            values[i] = data.getFloat();
        }
        return values;
    }
}
