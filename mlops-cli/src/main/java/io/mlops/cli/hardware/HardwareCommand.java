package io.mlops.cli.hardware;

import io.mlops.cli.MlopsCommand;
import io.mlops.cli.Output;
import io.mlops.cli.Sizes;
import io.mlops.error.UserError;
import io.mlops.hardware.Gpu;
import io.mlops.hardware.Hardware;
import io.mlops.hardware.HardwareLabels;
import io.mlops.hardware.HardwareProbe;
import io.mlops.hardware.ProbeSources;
import java.util.List;
import java.util.SortedSet;
import java.util.StringJoiner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code mlops hardware}: what this machine has, and the node labels it earns (docs/hardware.md). */
@Command(
        name = "hardware",
        mixinStandardHelpOptions = true,
        description = {
            "Probe this machine: CPU and its inference features (AVX2, AVX-512, VNNI, AMX), memory, NVIDIA GPUs"
                    + " (nvidia-smi), ONNX Runtime providers and the backends that can serve here.",
            "With --labels, print the node labels the hardware earns (the rules are in docs/hardware.md)."
        })
public final class HardwareCommand implements Runnable {
    @ParentCommand
    private MlopsCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--labels", description = "Print only the labels, separated by spaces (with --json: a list).")
    private boolean labels;

    @Option(
            names = "--prefix",
            paramLabel = "TEXT",
            defaultValue = "",
            description = "Put TEXT before every label, e.g. hw- (letters, digits, '.', '_' and '-').")
    private String prefix;

    @Override
    public void run() {
        try {
            HardwareLabels.checkPrefix(prefix);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        Hardware hardware = new HardwareProbe(ProbeSources.linux(root.environment())).probe();
        SortedSet<String> earned = HardwareLabels.of(hardware, prefix);
        Output output = new Output(spec.commandLine().getOut(), root.json());
        if (labels) {
            output.result(List.copyOf(earned), String.join(" ", earned));
        } else {
            output.result(hardware, text(hardware, earned));
        }
    }

    static String text(Hardware hardware, SortedSet<String> labels) {
        StringBuilder text = new StringBuilder();
        line(
                text,
                "cpu",
                hardware.cpu().model() + " (" + hardware.cpu().vendor() + ", "
                        + hardware.cpu().logicalCores() + " logical cores)");
        line(text, "features", words(hardware.cpu().features()));
        line(text, "memory", hardware.memoryBytes() < 0 ? "unknown" : Sizes.human(hardware.memoryBytes()));
        if (hardware.gpus().isEmpty()) {
            line(text, "gpus", "none");
        }
        for (Gpu gpu : hardware.gpus()) {
            line(
                    text,
                    "gpu " + gpu.index(),
                    gpu.name() + ", " + gpu.memoryMiB() + " MiB, compute "
                            + orDash(gpu.computeCapability()) + ", driver " + orDash(gpu.driverVersion()) + ", CUDA "
                            + orDash(gpu.cudaVersion()) + ", MIG " + orDash(gpu.migMode()) + ", " + gpu.uuid());
        }
        line(text, "providers", words(hardware.onnxRuntimeProviders()));
        line(text, "openvino", words(hardware.openvinoDevices()));
        line(text, "backends", words(hardware.backends()));
        line(text, "labels", words(List.copyOf(labels)));
        for (String note : hardware.notes()) {
            line(text, "note", note);
        }
        return text.toString().stripTrailing();
    }

    private static void line(StringBuilder text, String name, String value) {
        text.append(String.format("%-10s %s%n", name, value));
    }

    private static String words(List<String> values) {
        StringJoiner joined = new StringJoiner(" ");
        values.forEach(joined::add);
        return values.isEmpty() ? "-" : joined.toString();
    }

    private static String orDash(String value) {
        return value == null ? "-" : value;
    }
}
