package io.mlops.hardware;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The two label words a GPU's product name and memory give: its family ({@code h100}) and its marketed
 * memory size ({@code 80g}). Rules in docs/hardware.md.
 */
public final class GpuModel {
    // brand words that carry no model
    private static final Set<String> BRANDS = Set.of("nvidia", "tesla", "geforce", "quadro");

    // the sizes GPUs are sold with, in GiB; nvidia-smi reports less (the driver reserves some)
    private static final int[] MARKETED_GIB = {
        4, 6, 8, 10, 11, 12, 16, 20, 24, 32, 40, 48, 64, 80, 94, 96, 141, 144, 192, 288
    };

    private GpuModel() {}

    /**
     * The family slug of a product name: brand words dropped, the words before the first memory size
     * or form factor kept, lower-cased and joined with {@code -}.
     *
     * @param name e.g. {@code NVIDIA H100 80GB HBM3}, {@code NVIDIA A100-SXM4-80GB}, {@code NVIDIA GeForce RTX 4090}
     * @return e.g. {@code h100}, {@code a100}, {@code rtx-4090}; empty for a name of brand words only
     */
    public static String family(String name) {
        List<String> kept = new ArrayList<>();
        for (String word : name.toLowerCase(Locale.ROOT).split("[\\s\\-_/]+")) {
            if (word.isEmpty() || BRANDS.contains(word)) {
                continue;
            }
            if (word.matches("\\d+gb")
                    || word.startsWith("sxm")
                    || word.startsWith("hbm")
                    || word.equals("pcie")
                    || word.equals("nvl")
                    || word.equals("mig")
                    || word.startsWith("(")) {
                break;
            }
            kept.add(word.replaceAll("[^a-z0-9.]", ""));
        }
        return String.join("-", kept.stream().filter(w -> !w.isEmpty()).toList());
    }

    /**
     * The marketed memory size in GiB: the smallest size GPUs are sold with that is not below what the
     * driver reports and at most 10% above it; otherwise the reported size rounded up.
     *
     * @param memoryMiB what {@code nvidia-smi} reports as {@code memory.total}
     * @return e.g. 80 for 81559 MiB, 16 for 15360 MiB
     */
    public static long marketedGiB(long memoryMiB) {
        double gib = memoryMiB / 1024.0;
        for (int size : MARKETED_GIB) {
            if (size >= gib && size <= gib * 1.10) {
                return size;
            }
        }
        return (long) Math.ceil(gib);
    }
}
