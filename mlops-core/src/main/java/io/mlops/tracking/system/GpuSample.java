package io.mlops.tracking.system;

import io.mlops.tracking.Metric;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One GPU's load at one moment, as {@code nvidia-smi} reports it.
 *
 * @param index the device index
 * @param utilizationPercent how busy its cores were, 0-100, or NaN when not reported
 * @param memoryUsedMegabytes memory in use, in MiB as nvidia-smi counts, or NaN
 * @param memoryTotalMegabytes memory installed, in MiB, or NaN
 */
public record GpuSample(int index, double utilizationPercent, double memoryUsedMegabytes, double memoryTotalMegabytes)
        implements Serializable {
    /**
     * The query that produces the CSV {@link #parseCsv} reads.
     *
     * @return nvidia-smi's arguments
     */
    public static List<String> query() {
        return List.of("--query-gpu=index,utilization.gpu,memory.used,memory.total", "--format=csv,noheader,nounits");
    }

    /**
     * Parses nvidia-smi's CSV output ({@code --format=csv,noheader,nounits}): one line per GPU,
     * e.g. {@code 0, 87, 30512, 81559}. Fields nvidia-smi cannot report ({@code [N/A]},
     * {@code [Not Supported]}) become NaN.
     *
     * @param csv the output
     * @return one sample per GPU; lines that are not GPU lines are skipped
     */
    public static List<GpuSample> parseCsv(String csv) {
        List<GpuSample> samples = new ArrayList<>();
        for (String line : csv.split("\\R")) {
            String[] fields = line.split(",");
            if (fields.length != 4) {
                continue;
            }
            try {
                samples.add(new GpuSample(
                        Integer.parseInt(fields[0].strip()), number(fields[1]), number(fields[2]), number(fields[3])));
            } catch (NumberFormatException e) {
                // not a GPU line (a warning nvidia-smi printed among them)
            }
        }
        return samples;
    }

    private static double number(String field) {
        String value = field.strip();
        if (value.startsWith("[") || value.equalsIgnoreCase("N/A")) {
            return Double.NaN;
        }
        return Double.parseDouble(value);
    }

    /**
     * The sample as MLflow's system metrics ({@code system/gpu_<i>_...}).
     *
     * @param timestamp when it was taken
     * @param step the sample's number
     * @return the metrics that were reported
     */
    public List<Metric> toMetrics(long timestamp, long step) {
        List<Metric> metrics = new ArrayList<>();
        String prefix = String.format(Locale.ROOT, "system/gpu_%d_", index);
        add(metrics, prefix + "utilization_percentage", utilizationPercent, timestamp, step);
        // MLflow's own monitor reports megabytes of 10^6 bytes; nvidia-smi counts MiB.
        add(metrics, prefix + "memory_usage_megabytes", memoryUsedMegabytes * 1.048576, timestamp, step);
        if (!Double.isNaN(memoryUsedMegabytes) && memoryTotalMegabytes > 0) {
            add(
                    metrics,
                    prefix + "memory_usage_percentage",
                    100.0 * memoryUsedMegabytes / memoryTotalMegabytes,
                    timestamp,
                    step);
        }
        return metrics;
    }

    static void add(List<Metric> metrics, String key, double value, long timestamp, long step) {
        if (!Double.isNaN(value)) {
            metrics.add(new Metric(key, value, timestamp, step));
        }
    }
}
