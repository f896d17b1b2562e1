package io.mlops.agent.backend.onnxruntime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import io.mlops.agent.backend.LoadOptions;
import io.mlops.agent.backend.LoadedModel;
import io.mlops.agent.testing.AgentModels;
import io.mlops.error.UserError;
import io.mlops.protocol.v2.DataType;
import io.mlops.protocol.v2.Tensor;
import io.mlops.protocol.v2.TensorSpec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxRuntimeBackendTest {
    @TempDir
    Path dir;

    private final OnnxRuntimeBackend backend = new OnnxRuntimeBackend();

    private LoadedModel load(byte[] model, String device) throws Exception {
        Path file = dir.resolve("model.onnx");
        Files.write(file, model);
        return backend.load(file, new LoadOptions(device, 2, dir.resolve("compiled")));
    }

    @Test
    void shouldDeclareInputsAndOutputsInV2Terms() throws Exception {
        Path file = dir.resolve("linear.onnx");
        AgentModels.linear(file, new float[] {1, 2, 3, 4, 5, 6}, 3, new float[] {0, 0});
        try (LoadedModel model = backend.load(file, new LoadOptions("cpu", 1, dir))) {
            assertThat(model.inputs()).containsExactly(new TensorSpec("x", DataType.FP32, new long[] {-1, 3}));
            assertThat(model.outputs()).containsExactly(new TensorSpec("y", DataType.FP32, new long[] {-1, 2}));
        }
    }

    @Test
    void shouldRoundTripEveryDatatypeOnnxRuntimeCanFeedByteForByte() throws Exception {
        try (LoadedModel model = load(AgentModels.allTypes(), "cpu")) {
            List<Tensor> inputs = new ArrayList<>();
            for (TensorSpec spec : model.inputs()) {
                if (spec.datatype() == DataType.BYTES) {
                    inputs.add(strings(spec.name(), "héllo", "", "V2 ✓"));
                } else if (spec.name().equals("small")) {
                    inputs.add(int32s("small", 1, 65535, 7));
                } else {
                    inputs.add(random(spec.name(), spec.datatype(), 5));
                }
            }
            Map<String, Tensor> outputs =
                    model.infer(inputs, Set.of()).stream().collect(Collectors.toMap(Tensor::name, t -> t));

            for (Tensor input : inputs) {
                if (input.name().equals("small")) {
                    continue;
                }
                Tensor output = outputs.get(input.name().replace("in_", "out_"));
                assertThat(output.datatype()).as(input.name()).isEqualTo(input.datatype());
                assertThat(output.shape()).as(input.name()).isEqualTo(input.shape());
                assertThat(output.data()).as(input.name()).isEqualTo(input.data());
            }
            assertThat(outputs.get("out_uint16").datatype()).isEqualTo(DataType.UINT16);
            assertThat(outputs.get("out_uint16").data()).isEqualTo(le(2, 1, 65535, 7));
            assertThat(outputs.get("out_uint32").data()).isEqualTo(le(4, 1, 65535, 7));
            assertThat(outputs.get("out_uint64").data()).isEqualTo(le(8, 1, 65535, 7));
        }
    }

    @Test
    void shouldReturnOnlyTheOutputsAskedFor() throws Exception {
        Path file = dir.resolve("linear.onnx");
        AgentModels.linear(file, new float[] {1, 2, 3, 4, 5, 6}, 3, new float[] {10, 20});
        try (LoadedModel model = backend.load(file, new LoadOptions("cpu", 1, dir))) {
            ByteBuffer x = ByteBuffer.allocate(12)
                    .order(ByteOrder.LITTLE_ENDIAN)
                    .putFloat(1)
                    .putFloat(1)
                    .putFloat(1);
            List<Tensor> outputs =
                    model.infer(List.of(Tensor.of("x", DataType.FP32, new long[] {1, 3}, x.flip())), Set.of("y"));
            ByteBuffer y = outputs.getFirst().data();
            assertThat(new float[] {y.getFloat(), y.getFloat()}).containsExactly(19f, 32f);
        }
    }

    @Test
    void shouldRefuseUnsignedInputsItCannotFeedWithTheReason() throws Exception {
        try (LoadedModel model = load(AgentModels.uint16Input(), "cpu")) {
            assertThat(model.inputs().getFirst().datatype()).isEqualTo(DataType.UINT16);
            Tensor x = Tensor.of("x", DataType.UINT16, new long[] {2}, ByteBuffer.allocate(4));
            assertThatThrownBy(() -> model.infer(List.of(x), Set.of()))
                    .isInstanceOf(UserError.class)
                    .hasMessageContaining("input 'x' is UINT16")
                    .hasMessageContaining("cannot create");
        }
    }

    @Test
    void shouldRefuseACorruptModelNamingTheFile() throws Exception {
        Path file = dir.resolve("model.onnx");
        Files.write(file, "this is not an onnx model".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> backend.load(file, new LoadOptions("cpu", 1, dir)))
                .isInstanceOf(UserError.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void shouldRefuseAGpuDeviceThisBuildLacks() {
        assumeFalse(OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA), "CUDA is present here");
        assertThatThrownBy(() -> load(AgentModels.allTypes(), "cuda"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("device cuda is not available")
                .hasMessageContaining("onnxruntime_gpu");
    }

    @Test
    void shouldRefuseAnUnknownDevice() {
        assertThatThrownBy(() -> load(AgentModels.allTypes(), "tpu"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("unknown device 'tpu'");
    }

    private static Tensor random(String name, DataType type, int count) {
        byte[] bytes = new byte[count * type.elementSize()];
        new Random(140).nextBytes(bytes); // seeded: the same bytes on every run
        if (type == DataType.BOOL) {
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (bytes[i] & 1);
            }
        }
        return Tensor.of(name, type, new long[] {count}, ByteBuffer.wrap(bytes));
    }

    private static Tensor strings(String name, String... values) {
        ByteBuffer data = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
        for (String value : values) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            data.putInt(bytes.length).put(bytes);
        }
        return Tensor.of(name, DataType.BYTES, new long[] {values.length}, data.flip());
    }

    private static Tensor int32s(String name, int... values) {
        return Tensor.of(name, DataType.INT32, new long[] {values.length}, le(4, values));
    }

    private static ByteBuffer le(int size, int... values) {
        ByteBuffer data = ByteBuffer.allocate(values.length * size).order(ByteOrder.LITTLE_ENDIAN);
        for (int value : values) {
            switch (size) {
                case 2 -> data.putShort((short) value);
                case 4 -> data.putInt(value);
                default -> data.putLong(value);
            }
        }
        return data.flip();
    }
}
