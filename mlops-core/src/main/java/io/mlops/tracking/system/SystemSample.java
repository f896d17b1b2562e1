package io.mlops.tracking.system;

import io.mlops.tracking.Metric;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The load of the machine at one moment: CPU, memory and each GPU.
 *
 * @param cpuPercent how busy all CPUs were recently, 0-100, or NaN when unknown
 * @param memoryUsedBytes physical memory in use
 * @param memoryTotalBytes physical memory installed
 * @param gpus the GPUs, empty without NVIDIA GPUs
 */
public record SystemSample(double cpuPercent, long memoryUsedBytes, long memoryTotalBytes, List<GpuSample> gpus)
        implements Serializable {
    /** Copies the GPU samples. */
    public SystemSample {
        gpus = List.copyOf(gpus);
    }

    /**
     * Samples this machine.
     *
     * @param nvidiaSmi the GPUs' reporter
     * @return the sample
     */
    public static SystemSample ofThisMachine(NvidiaSmi nvidiaSmi) {
        double cpu = Double.NaN;
        long total = -1;
        long free = -1;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            double load = os.getCpuLoad();
            cpu = load < 0 ? Double.NaN : load * 100;
            total = os.getTotalMemorySize();
            free = os.getFreeMemorySize();
        }
        return new SystemSample(cpu, total < 0 ? -1 : total - free, total, nvidiaSmi.sample());
    }

    /**
     * The sample as MLflow's system metrics, so MLflow's UI charts them as it charts its own:
     * {@code system/cpu_utilization_percentage}, {@code system/system_memory_usage_megabytes},
     * {@code system/system_memory_usage_percentage} and {@code system/gpu_<i>_...}.
     *
     * @param timestamp when it was taken
     * @param step the sample's number
     * @return the metrics that were known
     */
    public List<Metric> toMetrics(long timestamp, long step) {
        List<Metric> metrics = new ArrayList<>();
        GpuSample.add(metrics, "system/cpu_utilization_percentage", cpuPercent, timestamp, step);
        if (memoryTotalBytes > 0) {
            metrics.add(new Metric("system/system_memory_usage_megabytes", memoryUsedBytes / 1e6, timestamp, step));
            metrics.add(new Metric(
                    "system/system_memory_usage_percentage",
                    100.0 * memoryUsedBytes / memoryTotalBytes,
                    timestamp,
                    step));
        }
        for (GpuSample gpu : gpus) {
            metrics.addAll(gpu.toMetrics(timestamp, step));
        }
        return metrics;
    }
}
