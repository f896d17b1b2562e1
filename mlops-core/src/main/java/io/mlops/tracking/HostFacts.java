package io.mlops.tracking;

import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;

/**
 * The machine a run ran on, so results can be told apart by hardware.
 *
 * @param hostname the host's name
 * @param os operating system name and version
 * @param arch CPU architecture
 * @param cpus logical processors
 * @param memoryBytes physical memory
 * @param gpus GPU model names, one per device; empty without NVIDIA GPUs
 */
public record HostFacts(String hostname, String os, String arch, int cpus, long memoryBytes, List<String> gpus)
        implements Serializable {
    /** Validates the facts. */
    public HostFacts {
        Objects.requireNonNull(hostname, "hostname");
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(arch, "arch");
        gpus = List.copyOf(gpus);
    }

    /**
     * The facts of the machine this JVM runs on.
     *
     * @param gpus the GPU names, as {@code io.mlops.tracking.system.NvidiaSmi#gpuNames()} reports them
     * @return the facts
     */
    public static HostFacts ofThisMachine(List<String> gpus) {
        String hostname;
        try {
            hostname = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            hostname = System.getenv().getOrDefault("HOSTNAME", "unknown");
        }
        long memory =
                ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                        ? os.getTotalMemorySize()
                        : -1;
        return new HostFacts(
                hostname,
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(),
                memory,
                gpus);
    }
}
