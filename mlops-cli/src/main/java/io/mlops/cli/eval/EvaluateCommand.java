package io.mlops.cli.eval;

import io.mlops.cli.MlopsCommand;
import io.mlops.cli.Output;
import io.mlops.cli.TerminalProgress;
import io.mlops.eval.BaselineResolver;
import io.mlops.eval.Evaluation;
import io.mlops.eval.EvaluationReport;
import io.mlops.eval.EvaluationRequest;
import io.mlops.eval.OnError;
import io.mlops.eval.ReportFiles;
import io.mlops.eval.Shard;
import io.mlops.eval.Task;
import io.mlops.eval.data.DataSpec;
import io.mlops.eval.gate.Gate;
import io.mlops.onnx.Device;
import io.mlops.onnx.Optimization;
import io.mlops.onnx.SessionSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code mlops evaluate}: metrics, speed and a verdict for an ONNX model on a data set. */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "Evaluate an ONNX model on a data set with ONNX Runtime: metrics (equal to scikit-learn's and",
            "pycocotools'), latency and throughput, and a verdict of the gates.",
            "Data: image folder (DIR), COCO (coco:INSTANCES.json?images=DIR), CSV (FILE.csv?target=COLUMN),",
            "NumPy (FILE.npz?x=X&y=Y, npy:X.npy?y=Y.npy).",
            "Gates: 'accuracy >= 0.9', 'mAP50 >= 0.6', 'p95_latency_ms <= 20', 'accuracy >= baseline - 0.01'.",
            "Exit status: 0 all gates hold, 1 an error, 2 bad usage, 3 a gate failed."
        },
        subcommands = {MergeCommand.class, CocoResultsCommand.class})
public final class EvaluateCommand implements Callable<Integer> {
    /** The exit status when a gate does not hold. */
    public static final int GATE_FAILED = 3;

    @ParentCommand
    private MlopsCommand root;

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", paramLabel = "FILE", description = "The ONNX model.")
    private Path model;

    @Option(names = "--data", paramLabel = "SPEC", description = "The evaluation set, [FORMAT:]PATH[?key=value&...].")
    private String data;

    @Option(names = "--task", paramLabel = "TASK", description = "classification, regression or detection.")
    private String task;

    @Option(
            names = "--preprocess",
            paramLabel = "FILE",
            description = "Preprocessing (JSON or YAML): resize, crop, letterbox, scale, mean/std, channels, layout...")
    private Path preprocess;

    @Option(names = "--batch", paramLabel = "N", description = "Samples per model run (default: ${DEFAULT-VALUE}).")
    private int batch = 32;

    @Option(names = "--gate", paramLabel = "EXPR", description = "A condition the model must meet; repeatable.")
    private List<String> gates = List.of();

    @Option(
            names = "--baseline",
            paramLabel = "MODEL|ALIAS",
            description = "The model to compare with (a file; registry aliases need the registry).")
    private String baseline;

    @Option(names = "--report", paramLabel = "DIR", description = "Write report.json, report.html and state.json here.")
    private Path report;

    @Option(
            names = "--shard",
            paramLabel = "I/N",
            description = "Evaluate only shard I of N (merge with 'mlops evaluate merge').")
    private String shard;

    @Option(
            names = "--on-error",
            paramLabel = "fail|skip",
            description = "An unreadable sample fails the evaluation (default) or is skipped.")
    private String onError = "fail";

    @Option(
            names = "--device",
            paramLabel = "cpu|cuda|tensorrt",
            description = "ONNX Runtime execution provider (default: cpu).")
    private String device = "cpu";

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "ONNX Runtime threads per operator (default 0: one per core).")
    private int threads;

    @Option(
            names = "--workers",
            paramLabel = "N",
            description = "Threads reading and preprocessing samples (default: cores).")
    private int workers = Runtime.getRuntime().availableProcessors();

    @Override
    public Integer call() {
        if (model == null || data == null || task == null) {
            throw new ParameterException(spec.commandLine(), "mlops evaluate needs --model, --data and --task");
        }
        OnError errors = switch (onError.toLowerCase(Locale.ROOT)) {
            case "fail" -> OnError.FAIL;
            case "skip" -> OnError.SKIP;
            default ->
                throw new ParameterException(spec.commandLine(), "--on-error must be fail or skip, got " + onError);
        };
        List<Gate> parsed = gates.stream().map(Gate::parse).toList();
        EvaluationRequest request = EvaluationRequest.builder()
                .model(model)
                .data(DataSpec.parse(data))
                .task(Task.parse(task))
                .preprocessingFile(preprocess)
                .batch(batch)
                .gates(parsed)
                .baseline(baseline)
                .shard(shard == null ? Shard.ALL : Shard.parse(shard))
                .onError(errors)
                .session(new SessionSettings(Device.parse(device), threads, Optimization.ALL))
                .workers(workers)
                .build();
        long start = System.nanoTime();
        Evaluation.Outcome outcome = new Evaluation(BaselineResolver.withoutRegistry())
                .evaluate(
                        request, TerminalProgress.forTerminal(spec.commandLine().getErr()));
        double seconds = (System.nanoTime() - start) / 1e9;
        // wall time of the whole evaluation (reading, preprocessing, model, metrics), for people and benchmarks
        spec.commandLine()
                .getErr()
                .printf(
                        Locale.ROOT,
                        "evaluated %d samples in %.3f s (%.0f samples/s)%n",
                        outcome.report().samples(),
                        seconds,
                        outcome.report().samples() / seconds);
        return finish(outcome, report);
    }

    int finish(Evaluation.Outcome outcome, Path reportDirectory) {
        EvaluationReport result = outcome.report();
        if (reportDirectory != null) {
            ReportFiles.write(reportDirectory, result, outcome.state());
            spec.commandLine().getErr().println("report: " + reportDirectory.resolve(ReportFiles.PAGE));
        }
        new Output(spec.commandLine().getOut(), root.json()).result(result, result.describe());
        return result.passed() ? 0 : GATE_FAILED;
    }

    MlopsCommand root() {
        return root;
    }
}
