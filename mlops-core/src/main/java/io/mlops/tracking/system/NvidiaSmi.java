package io.mlops.tracking.system;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * NVIDIA GPUs through {@code nvidia-smi}, which comes with the driver. On a machine without it
 * every query answers with nothing, and the program is not looked for again.
 */
public final class NvidiaSmi {
    private static final long TIMEOUT_SECONDS = 10;

    private final String program;
    private volatile boolean missing;

    /**
     * Uses {@code nvidia-smi} from the PATH.
     */
    public NvidiaSmi() {
        this("nvidia-smi");
    }

    /**
     * Uses a given program.
     *
     * @param program the path or name of nvidia-smi
     */
    public NvidiaSmi(String program) {
        this.program = program;
    }

    /**
     * The current load of every GPU.
     *
     * @return one sample per GPU, empty without nvidia-smi
     */
    public List<GpuSample> sample() {
        List<String> arguments = new ArrayList<>(List.of(program));
        arguments.addAll(GpuSample.query());
        return GpuSample.parseCsv(run(arguments));
    }

    /**
     * The model name of every GPU, e.g. {@code NVIDIA H100 80GB HBM3}.
     *
     * @return the names in device order, empty without nvidia-smi
     */
    public List<String> gpuNames() {
        List<String> names = new ArrayList<>();
        for (String line : run(List.of(program, "--query-gpu=name", "--format=csv,noheader"))
                .split("\\R")) {
            if (!line.isBlank()) {
                names.add(line.strip());
            }
        }
        return names;
    }

    private String run(List<String> command) {
        if (missing) {
            return "";
        }
        try {
            Process process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            process.getOutputStream().close();
            String output;
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "";
            }
            return process.exitValue() == 0 ? output : "";
        } catch (IOException e) {
            // No nvidia-smi here: a machine without NVIDIA GPUs.
            missing = true;
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
