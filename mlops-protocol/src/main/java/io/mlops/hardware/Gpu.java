package io.mlops.hardware;

import java.io.Serializable;
import java.util.Objects;

/**
 * One NVIDIA GPU as {@code nvidia-smi} reports it. Fields the driver answers with {@code [N/A]} or
 * {@code [Not Supported]} are null.
 *
 * @param index the driver's index (what {@code CUDA_VISIBLE_DEVICES} counts with PCI bus order)
 * @param uuid the GPU's UUID, e.g. {@code GPU-5c9b...}
 * @param name the product name, e.g. {@code NVIDIA H100 80GB HBM3}
 * @param memoryMiB the total memory in MiB
 * @param driverVersion the driver version, e.g. {@code 550.54.15}
 * @param cudaVersion the newest CUDA version the driver supports, e.g. {@code 12.4}, or null
 * @param computeCapability e.g. {@code 9.0}, or null
 * @param migMode {@code Enabled}, {@code Disabled}, or null where the GPU has no MIG
 */
public record Gpu(
        int index,
        String uuid,
        String name,
        long memoryMiB,
        String driverVersion,
        String cudaVersion,
        String computeCapability,
        String migMode)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Checks the fields that every GPU has. */
    public Gpu {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(name, "name");
        if (index < 0 || memoryMiB < 0) {
            throw new IllegalArgumentException("index and memoryMiB must not be negative: " + index + ", " + memoryMiB);
        }
    }

    /**
     * Whether Multi-Instance GPU mode is on.
     *
     * @return true when {@code migMode} is {@code Enabled}
     */
    public boolean migEnabled() {
        return "Enabled".equalsIgnoreCase(migMode);
    }
}
