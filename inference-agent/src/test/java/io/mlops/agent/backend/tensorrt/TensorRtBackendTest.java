package io.mlops.agent.backend.tensorrt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.agent.backend.LoadOptions;
import io.mlops.agent.backend.LoadedModel;
import io.mlops.agent.backend.OnnxModels;
import io.mlops.error.UserError;
import io.mlops.onnx.TestModels;
import io.mlops.protocol.v2.DataType;
import io.mlops.protocol.v2.Tensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TensorRT backend on a real NVIDIA GPU; skipped with the reason where there is none. */
class TensorRtBackendTest {
    private static TensorRtBackend backend;

    @TempDir
    Path dir;

    @BeforeAll
    static void openTensorRt() {
        backend = TensorRtNode.backendOrSkip();
    }

    @AfterAll
    static void closeTensorRt() {
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void shouldBuildAnEngineAndComputeALinearModel() {
        Path file = TestModels.linear(
                dir.resolve("linear.onnx"), 17, new float[] {1, 2, 3, 4, 5, 6}, 2, new float[] {0.5f, -1f, 0f});
        try (LoadedModel model = backend.load(file, new LoadOptions("0", 2, dir.resolve("compiled")))) {
            assertThat(model.inputs().get(0).shape()).containsExactly(-1, 2);

            Tensor out = model.infer(List.of(floats("x", new long[] {2, 2}, 1, 1, 0, 2)), Set.of())
                    .get(0);

            assertThat(out.shape()).containsExactly(2, 3);
            float[] values = toFloats(out);
            // FP16 kernels where the GPU has them: compare within half precision
            float[] expected = {5.5f, 6f, 9f, 8.5f, 9f, 12f};
            for (int i = 0; i < expected.length; i++) {
                assertThat(values[i]).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(0.02f));
            }
        }
    }

    @Test
    void shouldReuseTheSerializedEngineOnTheNextLoad() throws Exception {
        Path file = OnnxModels.sumAndProduct(dir.resolve("reuse.onnx"), -1, 4);
        LoadOptions options = new LoadOptions("cuda:0", 1, dir.resolve("compiled"));
        backend.load(file, options).close();
        Path engine;
        try (Stream<Path> files = Files.list(dir.resolve("compiled"))) {
            engine = files.filter(f -> f.toString().endsWith(".engine"))
                    .findFirst()
                    .orElseThrow();
        }
        assertThat(engine.getFileName().toString()).contains("-trt" + backend.tensorRtVersion() + "-");
        FileTime built = Files.getLastModifiedTime(engine);

        try (LoadedModel again = backend.load(file, options)) {
            assertThat(Files.getLastModifiedTime(engine)).isEqualTo(built);
            Tensor product = again.infer(List.of(floats("x", new long[] {1, 4}, 1, 2, 3, 4)), Set.of("product"))
                    .get(0);
            assertThat(toFloats(product)).containsExactly(1, 4, 9, 16);
        }
    }

    @Test
    void shouldNameAGpuThatDoesNotExist() {
        Path file = OnnxModels.identity(dir.resolve("id.onnx"), 1, -1, 2);
        assertThatThrownBy(() -> backend.load(file, new LoadOptions("cuda:99", 1, dir)))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("TensorRT device 99 does not exist");
    }

    @Test
    void shouldReportTheParsersReasonForACorruptModel() throws Exception {
        Path file = Files.writeString(dir.resolve("corrupt.onnx"), "not a model");
        assertThatThrownBy(() -> backend.load(file, new LoadOptions("0", 1, dir.resolve("compiled"))))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("TensorRT cannot parse " + file);
    }

    private static Tensor floats(String name, long[] shape, float... values) {
        ByteBuffer data = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            data.putFloat(v);
        }
        return Tensor.of(name, DataType.FP32, shape, data.flip());
    }

    private static float[] toFloats(Tensor tensor) {
        ByteBuffer data = tensor.data();
        float[] values = new float[data.remaining() / 4];
        for (int i = 0; i < values.length; i++) {
            values[i] = data.getFloat();
        }
        return values;
    }
}
