package io.mlops.tracking.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlops.tracking.Metric;
import java.util.List;
import org.junit.jupiter.api.Test;

class SystemSampleTest {
    @Test
    void shouldTurnASampleIntoMlflowsSystemMetrics() {
        SystemSample sample =
                new SystemSample(12.5, 2_000_000_000L, 8_000_000_000L, List.of(new GpuSample(0, 10, 100, 200)));

        List<Metric> metrics = sample.toMetrics(1, 0);

        assertThat(metrics)
                .extracting(Metric::key, Metric::value)
                .startsWith(
                        org.assertj.core.groups.Tuple.tuple("system/cpu_utilization_percentage", 12.5),
                        org.assertj.core.groups.Tuple.tuple("system/system_memory_usage_megabytes", 2000.0),
                        org.assertj.core.groups.Tuple.tuple("system/system_memory_usage_percentage", 25.0));
        assertThat(metrics).hasSize(6);
    }

    @Test
    void shouldSampleThisMachinesMemory() {
        SystemSample sample = SystemSample.ofThisMachine(new NvidiaSmi("/nonexistent/nvidia-smi"));

        assertThat(sample.memoryTotalBytes()).isPositive();
        assertThat(sample.memoryUsedBytes()).isBetween(1L, sample.memoryTotalBytes());
        assertThat(sample.gpus()).isEmpty();
    }
}
