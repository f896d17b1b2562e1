package io.mlops.hardware;

import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The node labels a machine's hardware earns, by the rules written in docs/hardware.md (one method per
 * group of rules, each tested on its own). Labels are lower-case words Jenkins accepts as label atoms.
 */
public final class HardwareLabels {
    private HardwareLabels() {}

    /**
     * The labels of a machine.
     *
     * @param hardware what the probe found
     * @param prefix put before every label, e.g. {@code hw-}; empty for none
     * @return the labels, sorted
     * @throws IllegalArgumentException for a prefix with characters other than letters, digits, {@code .},
     *     {@code _} and {@code -}
     */
    public static SortedSet<String> of(Hardware hardware, String prefix) {
        checkPrefix(prefix);
        SortedSet<String> labels = new TreeSet<>();
        gpuLabels(hardware.gpus(), labels);
        cpuLabels(hardware.cpu(), labels);
        runtimeLabels(hardware, labels);
        SortedSet<String> prefixed = new TreeSet<>();
        labels.forEach(label -> prefixed.add(prefix + label));
        return prefixed;
    }

    /**
     * Checks a label prefix.
     *
     * @param prefix the prefix
     * @throws IllegalArgumentException naming the prefix when Jenkins would split or refuse it
     */
    public static void checkPrefix(String prefix) {
        if (!prefix.matches("[A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("label prefix '" + prefix
                    + "' may hold only letters, digits, '.', '_' and '-' (Jenkins splits labels on spaces and reads"
                    + " &&, ||, ! and parentheses as operators)");
        }
    }

    static void gpuLabels(List<Gpu> gpus, SortedSet<String> labels) {
        for (Gpu gpu : gpus) {
            labels.add("gpu");
            labels.add("nvidia");
            String family = GpuModel.family(gpu.name());
            if (!family.isEmpty()) {
                labels.add("gpu-" + family);
            }
            labels.add("gpu-mem-" + GpuModel.marketedGiB(gpu.memoryMiB()) + "g");
            if (gpu.cudaVersion() != null) {
                labels.add("cuda-" + gpu.cudaVersion().split("\\.")[0]);
            }
            if (gpu.computeCapability() != null) {
                labels.add("sm-" + gpu.computeCapability().replace(".", ""));
            }
            if (gpu.migEnabled()) {
                labels.add("mig");
            }
        }
    }

    static void cpuLabels(Cpu cpu, SortedSet<String> labels) {
        if (!cpu.vendor().equals("other")) {
            labels.add(cpu.vendor());
        }
        if (cpu.has("avx2")) {
            labels.add("avx2");
        }
        if (cpu.has("avx512f") && cpu.has("avx512bw") && cpu.has("avx512vl")) {
            labels.add("avx512");
        }
        if (cpu.has("avx512_vnni") || cpu.has("avx_vnni")) {
            labels.add("vnni");
        }
        if (cpu.has("amx_tile") && (cpu.has("amx_int8") || cpu.has("amx_bf16"))) {
            labels.add("amx");
        }
    }

    static void runtimeLabels(Hardware hardware, SortedSet<String> labels) {
        if (hardware.backends().contains(Hardware.ONNXRUNTIME)) {
            labels.add("onnxruntime");
        }
        if (hardware.backends().contains(Hardware.TENSORRT)) {
            labels.add("tensorrt");
        }
        for (String device : hardware.openvinoDevices()) {
            // OpenVINO numbers several devices of a kind: GPU.0, GPU.1
            String kind = device.split("\\.")[0];
            switch (kind) {
                case "CPU" -> labels.add("openvino-cpu");
                case "GPU" -> labels.add("openvino-gpu");
                case "NPU" -> labels.add("npu");
                default -> {
                    // other plugins (HETERO, AUTO) are not devices
                }
            }
        }
    }
}
