package io.mlops.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtProvider;
import io.mlops.error.UserError;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The execution providers: CPU everywhere, CUDA and TensorRT only where the runtime build and the machine have them. */
class DeviceTest {
    @TempDir
    Path tmp;

    @Test
    void shouldExplainThatCudaIsMissingFromACpuBuild() {
        assumeTrue(
                !OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA),
                "this ONNX Runtime build has CUDA; the test of its absence does not apply");
        Path model = TestModels.linear(tmp.resolve("m.onnx"), 17, new float[] {1, 2}, 2, new float[] {0});

        for (Device device : new Device[] {Device.CUDA, Device.TENSORRT}) {
            assertThatThrownBy(() -> ModelSession.open(model, new SessionSettings(device, 0, Optimization.ALL)))
                    .isInstanceOf(UserError.class)
                    .hasMessageContaining("is not available: this ONNX Runtime build has only")
                    .hasMessageContaining("onnxruntime_gpu");
        }
    }

    @Test
    void shouldRunOnCudaWhereTheMachineHasIt() {
        assumeTrue(
                OrtEnvironment.getAvailableProviders().contains(OrtProvider.CUDA),
                "skipped: no CUDA execution provider here (the CPU build of ONNX Runtime; a GPU machine uses onnxruntime_gpu)");
        Path model = TestModels.linear(tmp.resolve("m.onnx"), 17, new float[] {1, 2}, 2, new float[] {0});
        try (ModelSession session = ModelSession.open(model, new SessionSettings(Device.CUDA, 0, Optimization.ALL))) {
            NdArray x = NdArray.of(ElementType.FLOAT32, new long[] {1, 2}, new double[] {1, 1});
            assertThat(session.run(Map.of("x", x)).get("y").numbers()).containsExactly(3);
        }
    }

    @Test
    void shouldRunOnTensorrtWhereTheMachineHasIt() {
        assumeTrue(
                OrtEnvironment.getAvailableProviders().contains(OrtProvider.TENSOR_RT),
                "skipped: no TensorRT execution provider here (needs onnxruntime_gpu and the TensorRT libraries)");
        Path model = TestModels.linear(tmp.resolve("m.onnx"), 17, new float[] {1, 2}, 2, new float[] {0});
        try (ModelSession session =
                ModelSession.open(model, new SessionSettings(Device.TENSORRT, 0, Optimization.ALL))) {
            NdArray x = NdArray.of(ElementType.FLOAT32, new long[] {1, 2}, new double[] {1, 1});
            assertThat(session.run(Map.of("x", x)).get("y").numbers()).containsExactly(3);
        }
    }

    @Test
    void shouldParseDeviceNames() {
        assertThat(Device.parse("CUDA")).isEqualTo(Device.CUDA);
        assertThatThrownBy(() -> Device.parse("tpu"))
                .isInstanceOf(UserError.class)
                .hasMessage("unknown device 'tpu': use cpu, cuda or tensorrt");
    }
}
