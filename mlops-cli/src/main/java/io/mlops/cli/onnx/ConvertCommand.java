package io.mlops.cli.onnx;

import io.mlops.cli.MlopsCommand;
import io.mlops.cli.Output;
import io.mlops.cli.TerminalProgress;
import io.mlops.onnx.Optimization;
import io.mlops.onnx.convert.Conversion;
import io.mlops.onnx.convert.ConversionRequest;
import io.mlops.onnx.convert.ConversionResult;
import io.mlops.onnx.convert.Converter;
import io.mlops.onnx.convert.Tolerance;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code mlops convert}: a trained model to ONNX, proven equal to the source. */
@Command(
        name = "convert",
        mixinStandardHelpOptions = true,
        description = {
            "Convert a trained model to ONNX with the framework's own converter (in your Python environment), then",
            "prove the ONNX model answers as the source did: both run on the same input and every output is",
            "compared within a tolerance. Nothing is written to --out unless the proof holds.",
            "Frameworks: sklearn (skl2onnx), pytorch (torch.onnx), tensorflow (tf2onnx), xgboost and lightgbm",
            "(onnxmltools)."
        },
        subcommands = {CardCommand.class})
public final class ConvertCommand implements Callable<Integer> {
    @ParentCommand
    private MlopsCommand root;

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--framework",
            paramLabel = "NAME",
            description = "sklearn, pytorch, tensorflow, xgboost or lightgbm.")
    private String framework;

    @Option(names = "--model", paramLabel = "PATH", description = "The trained model: file or SavedModel directory.")
    private Path model;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the ONNX model.")
    private Path out;

    @Option(
            names = "--opset",
            paramLabel = "N",
            description = "Target opset (default: the converter's newest that ONNX Runtime runs).")
    private int opset;

    @Option(
            names = "--sample-input",
            paramLabel = "FILE",
            description = "Input for the proof (.npy, or .npz per input); required for pytorch.")
    private Path sampleInput;

    @Option(
            names = "--python",
            paramLabel = "PATH",
            description = "The Python of the environment with the framework (default: $MLOPS_PYTHON, else python3).")
    private Path python;

    @Option(
            names = "--model-class",
            paramLabel = "MODULE:CLASS",
            description = "pytorch: the model class for a state dict.")
    private String modelClass;

    @Option(
            names = "--tolerance",
            paramLabel = "ATOL:RTOL",
            description = "Tolerance of every output (default: 1e-5:1e-4).")
    private String tolerance;

    @Option(names = "--output-tolerance", paramLabel = "OUTPUT=ATOL:RTOL", description = "Tolerance of one output.")
    private List<String> outputTolerances = List.of();

    @Option(
            names = "--optimize",
            paramLabel = "LEVEL",
            description = "Save the model optimized offline (basic, extended, all) and prove it again.")
    private String optimize;

    @Override
    public Integer call() {
        if (framework == null || model == null || out == null) {
            throw new ParameterException(spec.commandLine(), "mlops convert needs --framework, --model and --out");
        }
        Map<String, Tolerance> perOutput = new LinkedHashMap<>();
        for (String entry : outputTolerances) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new ParameterException(
                        spec.commandLine(), "--output-tolerance must be OUTPUT=ATOL:RTOL, got " + entry);
            }
            perOutput.put(entry.substring(0, eq), Tolerance.parse(entry.substring(eq + 1)));
        }
        Optimization optimization = optimize == null ? Optimization.NONE : optimization(optimize);
        ConversionRequest request = new ConversionRequest(
                Converter.of(framework),
                model,
                out,
                opset,
                sampleInput,
                python(),
                modelClass,
                tolerance == null ? Tolerance.DEFAULT : Tolerance.parse(tolerance),
                perOutput,
                optimization);
        ConversionResult result = new Conversion()
                .convert(
                        request, TerminalProgress.forTerminal(spec.commandLine().getErr()));
        new Output(spec.commandLine().getOut(), root.json()).result(result, result.describe());
        return 0;
    }

    private Optimization optimization(String level) {
        try {
            Optimization o = Optimization.valueOf(level.toUpperCase(Locale.ROOT));
            if (o != Optimization.NONE) {
                return o;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new ParameterException(spec.commandLine(), "--optimize must be basic, extended or all, got " + level);
    }

    private Path python() {
        if (python != null) {
            return python;
        }
        String configured = root.environment().get("MLOPS_PYTHON");
        return Path.of(configured == null || configured.isBlank() ? "python3" : configured);
    }

    MlopsCommand root() {
        return root;
    }
}
