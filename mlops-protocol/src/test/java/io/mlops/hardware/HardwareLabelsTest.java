package io.mlops.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** One test per rule of docs/hardware.md, on the recorded and written fixtures. */
class HardwareLabelsTest {
    private static final Cpu EPYC = CpuInfo.parse(Fixtures.read("cpuinfo-amd-epyc-kvm.txt"));
    private static final Cpu XEON = CpuInfo.parse(Fixtures.read("cpuinfo-intel-sapphire-rapids.txt"));
    private static final Cpu GRAVITON = CpuInfo.parse(Fixtures.read("cpuinfo-aarch64-graviton3.txt"));

    @Test
    void gpuNvidiaFamilyMemoryCudaAndSmFromAnH100() {
        SortedSet<String> labels = gpuLabels("nvidia-smi-query-h100.csv", "12.4");

        assertThat(labels).containsExactly("cuda-12", "gpu", "gpu-h100", "gpu-mem-80g", "nvidia", "sm-90");
    }

    @Test
    void migOnlyWhereMigIsEnabled() {
        assertThat(gpuLabels("nvidia-smi-query-a100-mig.csv", "12.2"))
                .containsExactly("cuda-12", "gpu", "gpu-a100", "gpu-mem-40g", "mig", "nvidia", "sm-80");
    }

    @Test
    void twoEqualGpusGiveOneSetOfLabelsAndNoCudaLabelWithoutAVersion() {
        assertThat(gpuLabels("nvidia-smi-query-2x-l40s.csv", null))
                .containsExactly("gpu", "gpu-l40s", "gpu-mem-48g", "nvidia", "sm-89");
    }

    @Test
    void noGpuLabelsWithoutGpus() {
        SortedSet<String> labels = new TreeSet<>();
        HardwareLabels.gpuLabels(List.of(), labels);

        assertThat(labels).isEmpty();
    }

    @Test
    void intelWithAvx2Avx512VnniAndAmx() {
        assertThat(cpuLabels(XEON)).containsExactly("amx", "avx2", "avx512", "intel", "vnni");
    }

    @Test
    void amdWithAvx2OnlyOnThisBuildMachine() {
        assertThat(cpuLabels(EPYC)).containsExactly("amd", "avx2");
    }

    @Test
    void armWithoutX86Features() {
        assertThat(cpuLabels(GRAVITON)).containsExactly("arm");
    }

    @Test
    void avx512NeedsFoundationByteWordAndVectorLength() {
        Cpu onlyF = new Cpu("intel", "GenuineIntel", "x", 1, List.of("avx512f"));

        assertThat(cpuLabels(onlyF)).containsExactly("intel");
    }

    @Test
    void vnniFromEitherTheAvx512OrTheAvxForm() {
        Cpu alderLake = new Cpu("intel", "GenuineIntel", "x", 1, List.of("avx2", "avx_vnni"));

        assertThat(cpuLabels(alderLake)).containsExactly("avx2", "intel", "vnni");
    }

    @Test
    void amxNeedsTilesAndAnArithmeticUnit() {
        Cpu tilesOnly = new Cpu("intel", "GenuineIntel", "x", 1, List.of("amx_tile"));

        assertThat(cpuLabels(tilesOnly)).containsExactly("intel");
    }

    @Test
    void otherVendorsGetNoVendorLabel() {
        assertThat(cpuLabels(new Cpu("other", "", "", 1, List.of()))).isEmpty();
    }

    @Test
    void backendAndOpenvinoDeviceLabels() {
        Hardware hardware = new Hardware(
                        EPYC, 1, List.of(), List.of(), List.of("onnxruntime", "tensorrt"), List.of(), List.of())
                .withOpenvinoDevices(List.of("CPU", "GPU.0", "GPU.1", "NPU", "HETERO"));
        SortedSet<String> labels = new TreeSet<>();
        HardwareLabels.runtimeLabels(hardware, labels);

        assertThat(labels).containsExactly("npu", "onnxruntime", "openvino-cpu", "openvino-gpu", "tensorrt");
    }

    @Test
    void noBackendLabelsWithoutBackends() {
        SortedSet<String> labels = new TreeSet<>();
        HardwareLabels.runtimeLabels(
                new Hardware(EPYC, 1, List.of(), List.of(), List.of(), List.of(), List.of()), labels);

        assertThat(labels).isEmpty();
    }

    @Test
    void prefixGoesBeforeEveryLabel() {
        Hardware hardware = new Hardware(EPYC, 1, List.of(), List.of(), List.of("onnxruntime"), List.of(), List.of());

        assertThat(HardwareLabels.of(hardware, "hw-")).containsExactly("hw-amd", "hw-avx2", "hw-onnxruntime");
        assertThat(HardwareLabels.of(hardware, "")).containsExactly("amd", "avx2", "onnxruntime");
    }

    @Test
    void prefixThatJenkinsWouldReadAsAnOperatorIsRefused() {
        Hardware hardware = new Hardware(EPYC, 1, List.of(), List.of(), List.of(), List.of(), List.of());

        assertThatThrownBy(() -> HardwareLabels.of(hardware, "hw &&"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("label prefix 'hw &&' may hold only letters, digits");
    }

    @Test
    void wholeH100XeonMachine() {
        assertThat(HardwareLabels.of(HardwareTest.H100_XEON, ""))
                .containsExactly(
                        "amx",
                        "avx2",
                        "avx512",
                        "cuda-12",
                        "gpu",
                        "gpu-h100",
                        "gpu-mem-80g",
                        "intel",
                        "nvidia",
                        "onnxruntime",
                        "sm-90",
                        "tensorrt",
                        "vnni");
    }

    private static SortedSet<String> gpuLabels(String fixture, String cuda) {
        SortedSet<String> labels = new TreeSet<>();
        HardwareLabels.gpuLabels(NvidiaSmi.parseGpus(Fixtures.read(fixture), cuda), labels);
        return labels;
    }

    private static SortedSet<String> cpuLabels(Cpu cpu) {
        SortedSet<String> labels = new TreeSet<>();
        HardwareLabels.cpuLabels(cpu, labels);
        return labels;
    }
}
