package io.mlops.tracking.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mlops.tracking.Metric;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The nvidia-smi parser. No GPU was available where this was written: the samples follow the
 * documented output of {@code nvidia-smi --query-gpu=index,utilization.gpu,memory.used,memory.total
 * --format=csv,noheader,nounits} (fields separated by ", ", one line per GPU, [N/A] or
 * [Not Supported] for fields a device does not report).
 */
class GpuSampleTest {
    private static final String TWO_GPUS = "0, 87, 30512, 81559\n1, 0, 4, 81559\n";

    @Test
    void shouldParseOneSamplePerGpu() {
        assertThat(GpuSample.parseCsv(TWO_GPUS))
                .containsExactly(new GpuSample(0, 87, 30512, 81559), new GpuSample(1, 0, 4, 81559));
    }

    @Test
    void shouldKeepFieldsTheDeviceDoesNotReportAsUnknown() {
        List<GpuSample> samples = GpuSample.parseCsv("0, [N/A], 1024, 16384\r\n1, [Not Supported], [N/A], [N/A]\r\n");

        assertThat(samples).hasSize(2);
        assertThat(samples.getFirst().utilizationPercent()).isNaN();
        assertThat(samples.getFirst().memoryUsedMegabytes()).isEqualTo(1024);
        assertThat(samples.get(1).toMetrics(5, 0)).isEmpty();
    }

    @Test
    void shouldSkipLinesThatAreNotGpuLines() {
        String output = "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.\n"
                + "index, utilization.gpu [%], memory.used [MiB], memory.total [MiB]\n" + TWO_GPUS + "\n";

        assertThat(GpuSample.parseCsv(output)).hasSize(2);
        assertThat(GpuSample.parseCsv("")).isEmpty();
    }

    @Test
    void shouldNameTheMetricsAsMlflowsSystemMonitorDoes() {
        List<Metric> metrics = new GpuSample(1, 50, 1000, 4000).toMetrics(99, 3);

        assertThat(metrics)
                .extracting(Metric::key)
                .containsExactly(
                        "system/gpu_1_utilization_percentage",
                        "system/gpu_1_memory_usage_megabytes",
                        "system/gpu_1_memory_usage_percentage");
        assertThat(metrics.get(0).value()).isEqualTo(50);
        // nvidia-smi counts MiB, MLflow's monitor MB of 10^6 bytes.
        assertThat(metrics.get(1).value()).isCloseTo(1048.576, within(1e-9));
        assertThat(metrics.get(2).value()).isEqualTo(25);
        assertThat(metrics).allSatisfy(metric -> {
            assertThat(metric.timestamp()).isEqualTo(99);
            assertThat(metric.step()).isEqualTo(3);
        });
    }

    @Test
    void shouldReportNothingWithoutNvidiaSmi() {
        NvidiaSmi missing = new NvidiaSmi("/nonexistent/nvidia-smi");

        assertThat(missing.sample()).isEmpty();
        assertThat(missing.gpuNames()).isEmpty();
    }
}
