package io.mlops.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MemInfoTest {
    @Test
    void shouldReadMemTotalOfTheRecordedMachineInBytes() {
        assertThat(MemInfo.totalBytes(Fixtures.read("meminfo-24g-kvm.txt"))).isEqualTo(24683772L * 1024);
    }

    @Test
    void shouldAnswerMinusOneWithoutAMemTotalLine() {
        assertThat(MemInfo.totalBytes("MemFree:        21944272 kB\n")).isEqualTo(-1);
    }
}
