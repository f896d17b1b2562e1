package io.mlops.hardware;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where {@link HardwareProbe} looks. Tests point it at recorded fixtures and fake tools; hosts use
 * {@link #linux(Map)}.
 *
 * @param cpuinfo the {@code /proc/cpuinfo} file
 * @param meminfo the {@code /proc/meminfo} file
 * @param nvidiaSmi the {@code nvidia-smi} program (a name looked up on the PATH, or a path)
 * @param timeout how long each external program may take before it is stopped
 * @param askOnnxRuntime whether to ask the ONNX Runtime on the class path for its providers (this loads
 *     its native library)
 * @param libraryDirs the directories searched for TensorRT's {@code libnvinfer.so}
 */
public record ProbeSources(
        Path cpuinfo,
        Path meminfo,
        String nvidiaSmi,
        Duration timeout,
        boolean askOnnxRuntime,
        List<Path> libraryDirs) {
    /** How long {@code nvidia-smi} may take by default; it answers in well under a second when healthy. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    // where distributions and NVIDIA's packages put TensorRT's libraries
    private static final List<String> STANDARD_LIBRARY_DIRS = List.of(
            "/usr/lib/x86_64-linux-gnu",
            "/usr/lib/aarch64-linux-gnu",
            "/usr/lib64",
            "/usr/local/lib",
            "/usr/local/cuda/lib64",
            "/usr/local/tensorrt/lib",
            "/opt/tensorrt/lib");

    /** Checks and copies the fields. */
    public ProbeSources {
        Objects.requireNonNull(cpuinfo, "cpuinfo");
        Objects.requireNonNull(meminfo, "meminfo");
        Objects.requireNonNull(nvidiaSmi, "nvidiaSmi");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        libraryDirs = List.copyOf(libraryDirs);
    }

    /**
     * The sources of a Linux machine: {@code /proc}, {@code nvidia-smi} on the PATH, and the library
     * directories of {@code LD_LIBRARY_PATH} and the usual places.
     *
     * @param environment the environment variables (for {@code LD_LIBRARY_PATH})
     * @return the sources, with {@link #DEFAULT_TIMEOUT} and ONNX Runtime asked
     */
    public static ProbeSources linux(Map<String, String> environment) {
        List<Path> dirs = new ArrayList<>();
        String ldPath = environment.getOrDefault("LD_LIBRARY_PATH", "");
        for (String dir : ldPath.split(File.pathSeparator)) {
            if (!dir.isBlank()) {
                dirs.add(Path.of(dir));
            }
        }
        STANDARD_LIBRARY_DIRS.forEach(dir -> dirs.add(Path.of(dir)));
        return new ProbeSources(
                Path.of("/proc/cpuinfo"), Path.of("/proc/meminfo"), "nvidia-smi", DEFAULT_TIMEOUT, true, dirs);
    }

    /**
     * The same sources without asking ONNX Runtime (for a JVM that must not load its native library).
     *
     * @return new sources
     */
    public ProbeSources withoutOnnxRuntime() {
        return new ProbeSources(cpuinfo, meminfo, nvidiaSmi, timeout, false, libraryDirs);
    }

    /**
     * The same sources with another {@code nvidia-smi} and time limit.
     *
     * @param program the program
     * @param limit how long it may take
     * @return new sources
     */
    public ProbeSources withNvidiaSmi(String program, Duration limit) {
        return new ProbeSources(cpuinfo, meminfo, program, limit, askOnnxRuntime, libraryDirs);
    }
}
