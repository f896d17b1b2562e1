package io.mlops.hardware;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * The processor of a machine, as far as inference cares.
 *
 * @param vendor {@code intel}, {@code amd}, {@code arm} or {@code other}
 * @param vendorId what the kernel reports, e.g. {@code GenuineIntel}, {@code AuthenticAMD}, or the ARM
 *     implementer code such as {@code 0x41}
 * @param model the model name, e.g. {@code Intel(R) Xeon(R) Platinum 8480+}
 * @param logicalCores the logical processors the kernel lists
 * @param features the inference-relevant instruction-set features, sorted (see {@link CpuInfo#FEATURES})
 */
public record Cpu(String vendor, String vendorId, String model, int logicalCores, List<String> features)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Checks and copies the fields. */
    public Cpu {
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(vendorId, "vendorId");
        Objects.requireNonNull(model, "model");
        if (logicalCores < 0) {
            throw new IllegalArgumentException("logicalCores must not be negative: " + logicalCores);
        }
        features = features.stream().sorted().distinct().toList();
    }

    /**
     * Whether the processor has a feature.
     *
     * @param feature a flag name as in /proc/cpuinfo, e.g. {@code avx512f}
     * @return true when listed
     */
    public boolean has(String feature) {
        return features.contains(feature);
    }
}
