package io.mlops.tracking.system;

import io.mlops.hardware.ExternalTool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * NVIDIA GPUs through {@code nvidia-smi}, which comes with the driver, run by {@link ExternalTool}
 * (time limit, children killed). On a machine without it every query answers with nothing, and the
 * program is not looked for again.
 */
public final class NvidiaSmi {
    private final String program;
    private final long timeoutSeconds;
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
        this(program, 10);
    }

    /**
     * Uses a given program, cut off after a given time.
     *
     * @param program the path or name of nvidia-smi
     * @param timeoutSeconds how long one query may take before it counts as no answer
     */
    public NvidiaSmi(String program, long timeoutSeconds) {
        this.program = program;
        this.timeoutSeconds = timeoutSeconds;
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

    /**
     * The UUID of every GPU ({@code GPU-8c2f...}, {@code MIG-...}), what {@code CUDA_VISIBLE_DEVICES}
     * takes. UUIDs rather than indices, because CUDA numbers devices fastest first unless told
     * otherwise while nvidia-smi numbers them by PCI bus: a UUID means the same GPU to both.
     *
     * @return the UUIDs in device order, empty without nvidia-smi (or when it fails or hangs)
     */
    public List<String> gpuUuids() {
        List<String> uuids = new ArrayList<>();
        for (String line : run(List.of(program, "--query-gpu=uuid", "--format=csv,noheader"))
                .split("\\R")) {
            String uuid = line.strip();
            if (uuid.startsWith("GPU-") || uuid.startsWith("MIG-")) {
                uuids.add(uuid);
            }
        }
        return uuids;
    }

    private String run(List<String> command) {
        if (missing) {
            return "";
        }
        ExternalTool.Answer answer = ExternalTool.run(command, Duration.ofSeconds(timeoutSeconds));
        // No nvidia-smi here: a machine without NVIDIA GPUs; do not look again.
        missing = answer.notFound();
        return answer.output() == null ? "" : answer.output();
    }
}
