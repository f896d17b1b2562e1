package io.mlops.cli.report;

import io.mlops.cli.MlopsCommand;
import io.mlops.cli.server.StoreOptions;
import io.mlops.error.UserError;
import io.mlops.eval.ComparisonChart;
import io.mlops.eval.EvaluationSummary;
import io.mlops.eval.PullRequestComment;
import io.mlops.eval.gate.BaselineGates;
import io.mlops.eval.gate.Gate;
import io.mlops.eval.gate.Verdict;
import io.mlops.registry.AliasLookup;
import io.mlops.registry.AliasName;
import io.mlops.registry.ModelVersion;
import io.mlops.suite.SuiteStores;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code mlops report --markdown}: the comment a pull request gets about the model it trains. */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        description = {
            "Write the comment a pull request (or merge request) gets, as CML does: the candidate's metrics from"
                    + " `mlops evaluate --report DIR` against the version the registry has in production, with the"
                    + " differences, every gate's verdict, and a bar chart (SVG) written beside the comment.",
            "A model with nothing in production yet is no error: the comment says so, and gates that compare with"
                    + " production ('accuracy >= baseline - 0.01') are skipped.",
            "Exit status: 0 all gates hold, 1 an error, 2 bad usage, 3 a gate failed (the comment is written)."
        })
public final class ReportCommand implements Callable<Integer> {
    /** The chart's file name when the comment goes to standard output. */
    static final String DEFAULT_CHART = "mlops-report.svg";

    /** The exit status when a gate does not hold: the same as {@code mlops evaluate}'s. */
    public static final int GATE_FAILED = 3;

    @ParentCommand
    private MlopsCommand root;

    @Spec
    private CommandSpec spec;

    @Mixin
    private StoreOptions storeOptions;

    @Option(names = "--markdown", description = "Write Markdown (GitHub and GitLab flavoured); the one format so far.")
    private boolean markdown;

    @Option(
            names = "--evaluation",
            paramLabel = "DIR|FILE",
            description = "The candidate's report.json from `mlops evaluate --report DIR`, or DIR.")
    private Path evaluation;

    @Option(names = "--model", paramLabel = "NAME", description = "The registered model the candidate would replace.")
    private String model;

    @Option(
            names = "--alias",
            paramLabel = "ALIAS",
            description = "The alias that marks production (default: ${DEFAULT-VALUE}).")
    private String alias = "production";

    @Option(
            names = "--gate",
            paramLabel = "EXPR",
            description = "A condition checked here against production's recorded metrics, e.g."
                    + " 'accuracy >= baseline - 0.01'; repeatable.")
    private List<String> gates = List.of();

    @Option(names = "--output", paramLabel = "FILE", description = "Write the comment here (default: standard output).")
    private Path output;

    @Option(
            names = "--chart",
            paramLabel = "FILE",
            description = "Write the chart here (default: beside --output as NAME.svg, else ./" + DEFAULT_CHART + ").")
    private Path chart;

    @Override
    public Integer call() {
        if (!markdown) {
            throw new ParameterException(spec.commandLine(), "mlops report needs a format: --markdown");
        }
        if (evaluation == null || model == null) {
            throw new ParameterException(spec.commandLine(), "mlops report needs --evaluation and --model");
        }
        List<Gate> parsed = gates.stream().map(Gate::parse).toList();
        AliasName aliasName = new AliasName(alias);
        EvaluationSummary candidate = EvaluationSummary.read(evaluation);
        Optional<ModelVersion> production;
        try (SuiteStores store = storeOptions.open(root.home(), root.environment())) {
            production = AliasLookup.find(store.registry(), model, aliasName);
        }
        PullRequestComment comment;
        Path chartFile = chartFile();
        String chartLink = link(chartFile);
        if (production.isPresent()) {
            ModelVersion version = production.get();
            comment = new PullRequestComment(
                    candidate,
                    new PullRequestComment.Production(
                            model + " v" + version.version() + " (" + alias + ")", version.metrics()),
                    null,
                    Verdict.of(parsed, candidate.metrics(), version.metrics()),
                    List.of(),
                    chartLink);
        } else {
            BaselineGates split = BaselineGates.withoutBaseline(parsed);
            comment = new PullRequestComment(
                    candidate,
                    null,
                    "model '" + model + "' has no alias '" + alias + "' yet",
                    Verdict.of(split.kept(), candidate.metrics(), null),
                    split.skipped().stream().map(Gate::expression).toList(),
                    chartLink);
        }
        write(
                chartFile,
                ComparisonChart.render(
                        comment.comparison(),
                        "candidate " + candidate.model(),
                        production.map(v -> model + " v" + v.version()).orElse(alias)));
        String text = comment.markdown();
        if (output == null) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(text);
            out.flush();
        } else {
            write(output, text);
            spec.commandLine().getErr().println("report: " + output + ", chart: " + chartFile);
        }
        return comment.passed() ? 0 : GATE_FAILED;
    }

    private Path chartFile() {
        if (chart != null) {
            return chart;
        }
        if (output == null) {
            return Path.of(DEFAULT_CHART);
        }
        String name = output.getFileName().toString();
        String stem = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        return output.resolveSibling(stem + ".svg");
    }

    // The markdown refers to the chart relative to where the comment is written.
    private String link(Path chartFile) {
        Path base = output == null ? Path.of("") : output.toAbsolutePath().getParent();
        Path relative = base.toAbsolutePath().relativize(chartFile.toAbsolutePath());
        return relative.toString().replace('\\', '/');
    }

    private static void write(Path target, String content) {
        Path absolute = target.toAbsolutePath();
        Path temporary = absolute.resolveSibling("." + absolute.getFileName() + ".tmp");
        try {
            Files.createDirectories(absolute.getParent());
            Files.writeString(temporary, content, StandardCharsets.UTF_8);
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UserError("cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
