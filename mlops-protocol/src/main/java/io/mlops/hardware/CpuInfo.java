package io.mlops.hardware;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads the processor from the text of Linux's {@code /proc/cpuinfo} (x86-64 and aarch64 layouts). */
public final class CpuInfo {
    /**
     * The flags kept: those that decide which inference kernels run fast (x86-64: AVX2, AVX-512, VNNI,
     * AMX, FP16/BF16 variants; aarch64: dot product, SVE, int8 and bf16 matrix multiply).
     */
    public static final Set<String> FEATURES = Set.of(
            "avx",
            "avx2",
            "fma",
            "f16c",
            "avx512f",
            "avx512bw",
            "avx512vl",
            "avx512dq",
            "avx512cd",
            "avx512_vnni",
            "avx512_bf16",
            "avx512_fp16",
            "avx_vnni",
            "amx_tile",
            "amx_bf16",
            "amx_int8",
            "amx_fp16",
            "asimd",
            "asimddp",
            "sve",
            "sve2",
            "i8mm",
            "bf16",
            "sme");

    // the Arm Ltd. parts lscpu names (util-linux lscpu-arm.c); other implementers keep their codes
    private static final Map<String, String> ARM_PARTS = Map.of(
            "0xd0c", "Neoverse-N1",
            "0xd40", "Neoverse-V1",
            "0xd49", "Neoverse-N2",
            "0xd4f", "Neoverse-V2",
            "0xd8e", "Neoverse-N3",
            "0xd83", "Neoverse-V3");

    private CpuInfo() {}

    /**
     * Parses the text.
     *
     * @param text the whole of {@code /proc/cpuinfo}
     * @return the processor; {@code other} with an empty model for text it does not recognise
     */
    public static Cpu parse(String text) {
        Map<String, String> first = new LinkedHashMap<>();
        int processors = 0;
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (key.equals("processor")) {
                processors++;
            }
            first.putIfAbsent(key, value);
        }
        String flags = first.getOrDefault("flags", first.getOrDefault("Features", ""));
        List<String> features = new ArrayList<>();
        for (String flag : flags.split("\\s+")) {
            if (FEATURES.contains(flag)) {
                features.add(flag);
            }
        }
        if (first.containsKey("CPU implementer")) {
            String implementer = first.get("CPU implementer");
            String part = first.getOrDefault("CPU part", "");
            String model = first.containsKey("model name")
                    ? first.get("model name")
                    : "0x41".equals(implementer) && ARM_PARTS.containsKey(part)
                            ? ARM_PARTS.get(part)
                            : "implementer " + implementer + " part " + part;
            return new Cpu("arm", implementer, model, processors, features);
        }
        String vendorId = first.getOrDefault("vendor_id", "");
        String vendor = switch (vendorId) {
            case "GenuineIntel" -> "intel";
            case "AuthenticAMD", "HygonGenuine" -> "amd";
            default -> "other";
        };
        return new Cpu(vendor, vendorId, first.getOrDefault("model name", ""), processors, features);
    }
}
