package io.mlops.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GpuModelTest {
    @ParameterizedTest
    @CsvSource({
        "NVIDIA H100 80GB HBM3, h100",
        "NVIDIA H100 PCIe, h100",
        "NVIDIA H100 NVL, h100",
        "NVIDIA A100-SXM4-40GB, a100",
        "NVIDIA A100 80GB PCIe, a100",
        "Tesla T4, t4",
        "NVIDIA L40S, l40s",
        "NVIDIA A10G, a10g",
        "NVIDIA GeForce RTX 4090, rtx-4090",
        "NVIDIA RTX A6000, rtx-a6000",
        "NVIDIA GH200 480GB, gh200",
        "NVIDIA, ''"
    })
    void shouldSlugTheFamilyOfAProductName(String name, String family) {
        assertThat(GpuModel.family(name)).isEqualTo(family);
    }

    @ParameterizedTest
    @CsvSource({
        "81559, 80", // H100 SXM
        "40960, 40", // A100 40GB
        "15360, 16", // T4
        "23028, 24", // A10G
        "46068, 48", // L40S
        "95830, 94", // H100 NVL
        "143771, 141", // H200
        "24564, 24", // RTX 4090
        "3000, 3" // nothing sold near: rounded up
    })
    void shouldNameTheMarketedMemorySize(long memoryMiB, long gib) {
        assertThat(GpuModel.marketedGiB(memoryMiB)).isEqualTo(gib);
    }
}
