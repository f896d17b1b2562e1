package io.mlops.hardware;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class NvidiaSmiTest {
    @Test
    void shouldReadAnH100WithMigDisabled() {
        List<Gpu> gpus = NvidiaSmi.parseGpus(Fixtures.read("nvidia-smi-query-h100.csv"), "12.4");

        assertThat(gpus)
                .containsExactly(new Gpu(
                        0,
                        "GPU-8f6c2b1e-3a4d-5e6f-7a8b-9c0d1e2f3a4b",
                        "NVIDIA H100 80GB HBM3",
                        81559,
                        "550.54.15",
                        "12.4",
                        "9.0",
                        "Disabled"));
        assertThat(gpus.getFirst().migEnabled()).isFalse();
    }

    @Test
    void shouldReadAnA100WithMigEnabled() {
        Gpu gpu = NvidiaSmi.parseGpus(Fixtures.read("nvidia-smi-query-a100-mig.csv"), "12.2")
                .getFirst();

        assertThat(gpu.name()).isEqualTo("NVIDIA A100-SXM4-40GB");
        assertThat(gpu.computeCapability()).isEqualTo("8.0");
        assertThat(gpu.migEnabled()).isTrue();
    }

    @Test
    void shouldReadTwoGpusAndTakeNotApplicableForNothing() {
        List<Gpu> gpus = NvidiaSmi.parseGpus(Fixtures.read("nvidia-smi-query-2x-l40s.csv"), null);

        assertThat(gpus).extracting(Gpu::index).containsExactly(0, 1);
        assertThat(gpus).extracting(Gpu::memoryMiB).containsExactly(46068L, 46068L);
        assertThat(gpus).extracting(Gpu::migMode).containsExactly(null, null);
        assertThat(gpus.get(1).uuid()).isEqualTo("GPU-0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");
    }

    @Test
    void shouldNameALineWithTheWrongNumberOfFields() {
        assertThatThrownBy(() -> NvidiaSmi.parseGpus("0, GPU-1, NVIDIA H100\n", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("nvidia-smi printed a GPU line with 3 fields instead of 7: 0, GPU-1, NVIDIA H100");
    }

    @Test
    void shouldFindTheCudaVersionInTheHeader() {
        assertThat(NvidiaSmi.cudaVersion(Fixtures.read("nvidia-smi-h100.txt"))).isEqualTo("12.4");
        assertThat(NvidiaSmi.cudaVersion("CUDA Version                              : 12.8\n"))
                .isEqualTo("12.8");
        assertThat(NvidiaSmi.cudaVersion("No devices were found\n")).isNull();
    }
}
