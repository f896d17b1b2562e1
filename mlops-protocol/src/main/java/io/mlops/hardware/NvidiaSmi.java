package io.mlops.hardware;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The NVIDIA driver's {@code nvidia-smi}: the questions the probe asks it and how its answers read. */
public final class NvidiaSmi {
    /** The fields asked for, in the order of the CSV columns. */
    public static final String QUERY_FIELDS =
            "index,uuid,name,memory.total,driver_version,compute_cap,mig.mode.current";

    /** The arguments of the GPU query (after the program name). */
    public static final List<String> QUERY_ARGUMENTS =
            List.of("--query-gpu=" + QUERY_FIELDS, "--format=csv,noheader,nounits");

    private static final Pattern CUDA = Pattern.compile("CUDA Version\\s*:\\s*([0-9]+(?:\\.[0-9]+)*)");

    private NvidiaSmi() {}

    /**
     * Parses the answer of the GPU query.
     *
     * @param csv what {@code nvidia-smi} printed for {@link #QUERY_ARGUMENTS}
     * @param cudaVersion the driver's CUDA version (from {@link #cudaVersion}), or null
     * @return the GPUs, in the order printed
     * @throws IllegalArgumentException for a line without the seven fields, naming the line
     */
    public static List<Gpu> parseGpus(String csv, String cudaVersion) {
        List<Gpu> gpus = new ArrayList<>();
        for (String line : csv.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            // nvidia-smi separates with ", " and never quotes; product names carry no commas
            String[] fields = line.split(",", -1);
            if (fields.length != 7) {
                throw new IllegalArgumentException("nvidia-smi printed a GPU line with " + fields.length
                        + " fields instead of 7: " + line.strip());
            }
            for (int i = 0; i < fields.length; i++) {
                fields[i] = fields[i].strip();
            }
            try {
                gpus.add(new Gpu(
                        Integer.parseInt(fields[0]),
                        fields[1],
                        fields[2],
                        Long.parseLong(fields[3]),
                        known(fields[4]),
                        cudaVersion,
                        known(fields[5]),
                        known(fields[6])));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "nvidia-smi printed a GPU line without a number where one belongs: " + line.strip());
            }
        }
        return gpus;
    }

    /**
     * Finds the CUDA version in the header of plain {@code nvidia-smi} (or in {@code nvidia-smi -q}).
     *
     * @param text what it printed
     * @return e.g. {@code 12.4}, or null where it names none
     */
    public static String cudaVersion(String text) {
        Matcher matcher = CUDA.matcher(text);
        return matcher.find() ? matcher.group(1) : null;
    }

    // the driver writes [N/A] or [Not Supported] for a field a GPU does not have
    private static String known(String field) {
        return field.isEmpty() || field.startsWith("[") ? null : field;
    }
}
