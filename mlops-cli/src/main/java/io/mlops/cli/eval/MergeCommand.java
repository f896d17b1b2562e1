package io.mlops.cli.eval;

import io.mlops.eval.Evaluation;
import io.mlops.eval.ReportFiles;
import io.mlops.eval.gate.Gate;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mlops evaluate merge STATE...}: the shards of a sharded evaluation, as one. */
@Command(
        name = "merge",
        mixinStandardHelpOptions = true,
        description = "Merge the states of 'mlops evaluate --shard i/n' runs into the evaluation of the whole set"
                + " (the same numbers as one run), then judge the gates. Exit status 3 when a gate fails.")
final class MergeCommand implements Callable<Integer> {
    @ParentCommand
    private EvaluateCommand evaluate;

    @Parameters(paramLabel = "STATE", arity = "1..*", description = "Each shard's state.json, or its report directory.")
    private List<Path> states;

    @Option(names = "--gate", paramLabel = "EXPR", description = "A condition the model must meet; repeatable.")
    private List<String> gates = List.of();

    @Option(names = "--report", paramLabel = "DIR", description = "Write report.json, report.html and state.json here.")
    private Path report;

    @Override
    public Integer call() {
        List<Gate> parsed = gates.stream().map(Gate::parse).toList();
        Evaluation.Outcome outcome =
                Evaluation.merge(states.stream().map(ReportFiles::readState).toList(), parsed);
        return evaluate.finish(outcome, report);
    }
}
