package io.mlops.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CpuInfoTest {
    @Test
    void shouldReadTheRecordedAmdEpycOfThisBuildMachine() {
        Cpu cpu = CpuInfo.parse(Fixtures.read("cpuinfo-amd-epyc-kvm.txt"));

        assertThat(cpu.vendor()).isEqualTo("amd");
        assertThat(cpu.vendorId()).isEqualTo("AuthenticAMD");
        assertThat(cpu.model()).isEqualTo("AMD EPYC");
        assertThat(cpu.logicalCores()).isEqualTo(2);
        assertThat(cpu.features()).containsExactly("avx", "avx2", "f16c", "fma");
    }

    @Test
    void shouldReadAvx512VnniAndAmxOfASapphireRapidsXeon() {
        Cpu cpu = CpuInfo.parse(Fixtures.read("cpuinfo-intel-sapphire-rapids.txt"));

        assertThat(cpu.vendor()).isEqualTo("intel");
        assertThat(cpu.vendorId()).isEqualTo("GenuineIntel");
        assertThat(cpu.model()).isEqualTo("Intel(R) Xeon(R) Platinum 8480+");
        assertThat(cpu.logicalCores()).isEqualTo(4);
        assertThat(cpu.features())
                .containsExactly(
                        "amx_bf16",
                        "amx_int8",
                        "amx_tile",
                        "avx",
                        "avx2",
                        "avx512_bf16",
                        "avx512_fp16",
                        "avx512_vnni",
                        "avx512bw",
                        "avx512cd",
                        "avx512dq",
                        "avx512f",
                        "avx512vl",
                        "avx_vnni",
                        "f16c",
                        "fma");
    }

    @Test
    void shouldNameAnArmCoreFromItsImplementerAndPartWhereTheKernelGivesNoModelName() {
        Cpu cpu = CpuInfo.parse(Fixtures.read("cpuinfo-aarch64-graviton3.txt"));

        assertThat(cpu.vendor()).isEqualTo("arm");
        assertThat(cpu.vendorId()).isEqualTo("0x41");
        assertThat(cpu.model()).isEqualTo("Neoverse-V1");
        assertThat(cpu.logicalCores()).isEqualTo(2);
        assertThat(cpu.features()).containsExactly("asimd", "asimddp", "bf16", "i8mm", "sve");
    }

    @Test
    void shouldKeepTheCodesOfAnArmPartItDoesNotKnow() {
        Cpu cpu = CpuInfo.parse("processor\t: 0\nFeatures\t: fp asimd\nCPU implementer\t: 0x61\nCPU part\t: 0x022\n");

        assertThat(cpu.model()).isEqualTo("implementer 0x61 part 0x022");
        assertThat(cpu.vendor()).isEqualTo("arm");
    }

    @Test
    void shouldCallTextItDoesNotRecogniseOther() {
        Cpu cpu = CpuInfo.parse("something else entirely\n");

        assertThat(cpu.vendor()).isEqualTo("other");
        assertThat(cpu.logicalCores()).isZero();
        assertThat(cpu.features()).isEmpty();
    }
}
