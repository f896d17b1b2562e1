package io.mlops.hardware;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds out what a machine has: reads {@code /proc}, asks {@code nvidia-smi} (with a time limit) and the
 * ONNX Runtime on the class path. Whatever cannot be found out becomes a note in the result; the probe
 * never fails because a tool is missing, broken or hanging.
 *
 * <p>OpenVINO devices are not probed here: the inference agent adds them from the OpenVINO core it has
 * loaded ({@link Hardware#withOpenvinoDevices}), because the devices that matter for serving are those
 * of the runtime that serves, and this module carries no OpenVINO binding.
 */
public final class HardwareProbe {
    private final ProbeSources sources;

    /**
     * Creates a probe.
     *
     * @param sources where to look
     */
    public HardwareProbe(ProbeSources sources) {
        this.sources = sources;
    }

    /**
     * Probes the machine.
     *
     * @return what it has, with notes for what is unknown
     */
    public Hardware probe() {
        List<String> notes = new ArrayList<>();
        Cpu cpu = cpu(notes);
        long memory = memory(notes);
        List<Gpu> gpus = gpus(notes);
        List<String> providers = List.of();
        if (sources.askOnnxRuntime()) {
            List<String> found = OnnxRuntimeProviders.available();
            if (found == null) {
                notes.add("onnxruntime: not loadable in this JVM");
            } else {
                providers = found;
            }
        } else {
            notes.add("onnxruntime: not asked");
        }
        List<String> backends = new ArrayList<>();
        if (!providers.isEmpty()) {
            backends.add(Hardware.ONNXRUNTIME);
        }
        if (!gpus.isEmpty()) {
            if (providers.contains("TensorrtExecutionProvider") || tensorRtLibraryFound()) {
                backends.add(Hardware.TENSORRT);
            } else {
                notes.add("tensorrt: libnvinfer.so not found in " + sources.libraryDirs());
            }
        }
        notes.add("openvino: devices are reported by an inference agent that has loaded OpenVINO");
        return new Hardware(cpu, memory, gpus, List.of(), backends, providers, notes);
    }

    private Cpu cpu(List<String> notes) {
        String text = read(sources.cpuinfo(), notes);
        if (text == null) {
            return new Cpu(
                    "other",
                    "",
                    System.getProperty("os.arch"),
                    Runtime.getRuntime().availableProcessors(),
                    List.of());
        }
        Cpu cpu = CpuInfo.parse(text);
        if (cpu.logicalCores() == 0) {
            notes.add("cpuinfo: no processor entries in " + sources.cpuinfo());
        }
        return cpu;
    }

    private long memory(List<String> notes) {
        String text = read(sources.meminfo(), notes);
        long bytes = text == null ? -1 : MemInfo.totalBytes(text);
        if (text != null && bytes < 0) {
            notes.add("meminfo: no MemTotal line in " + sources.meminfo());
        }
        return bytes;
    }

    private List<Gpu> gpus(List<String> notes) {
        List<String> query = new ArrayList<>();
        query.add(sources.nvidiaSmi());
        query.addAll(NvidiaSmi.QUERY_ARGUMENTS);
        ExternalTool.Answer answer = ExternalTool.run(query, sources.timeout());
        if (answer.output() == null) {
            notes.add(answer.note());
            return List.of();
        }
        ExternalTool.Answer header = ExternalTool.run(List.of(sources.nvidiaSmi()), sources.timeout());
        String cuda = header.output() == null ? null : NvidiaSmi.cudaVersion(header.output());
        if (cuda == null) {
            notes.add(header.note() != null ? header.note() : "nvidia-smi: no CUDA version in its header");
        }
        try {
            return NvidiaSmi.parseGpus(answer.output(), cuda);
        } catch (IllegalArgumentException e) {
            notes.add(e.getMessage());
            return List.of();
        }
    }

    private boolean tensorRtLibraryFound() {
        for (Path dir : sources.libraryDirs()) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (DirectoryStream<Path> libraries = Files.newDirectoryStream(dir, "libnvinfer.so*")) {
                if (libraries.iterator().hasNext()) {
                    return true;
                }
            } catch (IOException e) {
                // an unreadable directory holds nothing we can load
            }
        }
        return false;
    }

    private static String read(Path file, List<String> notes) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            notes.add(file.getFileName() + ": not readable (" + file + ")");
            return null;
        }
    }
}
