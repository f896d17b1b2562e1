package io.mlops.agent.metrics;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The memory used on each NVIDIA GPU, read from {@code nvidia-smi} at scrape time (at most every
 * few seconds, since the program takes tens of milliseconds). On a machine without the program the
 * family is absent, not zero: no GPU is not the same as an idle one. The program's output goes to a
 * file and its exit is awaited for a bounded time, after which it is killed: a hung {@code
 * nvidia-smi} (a wedged driver does that) costs one scrape that long, and the family is left out.
 */
public final class GpuMemory implements MetricSource {
    private static final Logger LOG = Logger.getLogger(GpuMemory.class.getName());
    private static final long CACHE_NANOS = TimeUnit.SECONDS.toNanos(5);

    /** How long nvidia-smi may take; it answers in tens of milliseconds when the driver is well. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Path program;
    private final Duration timeout;
    private long readAt;
    private List<Long> usedMib = List.of();

    /**
     * Reads through a given program.
     *
     * @param program the {@code nvidia-smi} executable
     */
    public GpuMemory(Path program) {
        this(program, TIMEOUT);
    }

    /**
     * Reads through a given program, waiting at most a given time for it.
     *
     * @param program the {@code nvidia-smi} executable
     * @param timeout how long one run may take before it is killed and the figures left out
     */
    public GpuMemory(Path program, Duration timeout) {
        this.program = program;
        this.timeout = timeout;
    }

    /**
     * The source for this machine, if it has {@code nvidia-smi} on its {@code PATH}.
     *
     * @return the source, or empty on a machine without NVIDIA's tools
     */
    public static Optional<GpuMemory> onPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "nvidia-smi");
            if (Files.isExecutable(candidate)) {
                return Optional.of(new GpuMemory(candidate));
            }
        }
        return Optional.empty();
    }

    @Override
    public void writeTo(PrometheusText out) {
        List<Long> used = read();
        if (used.isEmpty()) {
            return;
        }
        out.family("mlops_agent_gpu_memory_used_bytes", "gauge", "Memory in use on each GPU, from nvidia-smi.");
        for (int gpu = 0; gpu < used.size(); gpu++) {
            out.sample(
                    "mlops_agent_gpu_memory_used_bytes",
                    List.of("gpu"),
                    List.of(Integer.toString(gpu)),
                    used.get(gpu) * 1024.0 * 1024.0);
        }
    }

    private synchronized List<Long> read() {
        long now = System.nanoTime();
        if (readAt != 0 && now - readAt < CACHE_NANOS) {
            return usedMib;
        }
        readAt = now;
        usedMib = query();
        return usedMib;
    }

    private List<Long> query() {
        Path output = null;
        try {
            output = Files.createTempFile("nvidia-smi", ".csv");
            Process process = new ProcessBuilder(
                            program.toString(), "--query-gpu=memory.used", "--format=csv,noheader,nounits")
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                LOG.warning(program + " did not answer within " + timeout + "; GPU memory left out of this scrape");
                return List.of();
            }
            if (process.exitValue() != 0) {
                return List.of();
            }
            List<Long> values = new ArrayList<>();
            for (String line : Files.readString(output, StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank()) {
                    values.add(Long.parseLong(line.trim()));
                }
            }
            return values;
        } catch (IOException | NumberFormatException e) {
            LOG.log(Level.FINE, "nvidia-smi gave no memory figures", e);
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException e) {
                    LOG.log(Level.FINE, "cannot delete " + output, e);
                }
            }
        }
    }
}
