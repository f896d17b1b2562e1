package io.mlops.cli.runs;

import io.mlops.cli.server.StoreOptions;
import io.mlops.suite.SuiteStores;
import io.mlops.tracking.Run;
import io.mlops.tracking.RunComparison;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mlops runs compare RUN RUN...}: params and final metrics side by side. */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = "Compare 2 to 4 runs: params and final metrics side by side; '*' marks rows that differ.")
final class CompareCommand implements Callable<Integer> {
    @ParentCommand
    private RunsCommand runs;

    @Mixin
    private StoreOptions storeOptions;

    @Parameters(paramLabel = "RUN", arity = "2..4", description = "2 to 4 run ids or unique prefixes.")
    private List<String> references;

    @Override
    public Integer call() {
        try (SuiteStores store = runs.open(storeOptions)) {
            List<Run> found = new ArrayList<>();
            for (String reference : references) {
                found.add(RunsCommand.find(store.tracking(), reference));
            }
            RunComparison comparison = RunComparison.of(found);
            runs.output().result(comparison, text(found, comparison));
        }
        return 0;
    }

    private static String text(List<Run> runs, RunComparison comparison) {
        int width = 20;
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "  %-36s", ""));
        for (Run run : runs) {
            text.append(String.format(
                    Locale.ROOT, "  %-" + width + "s", cut(run.info().runName(), width)));
        }
        String kind = "";
        for (RunComparison.Row row : comparison.rows()) {
            if (!row.kind().equals(kind)) {
                kind = row.kind();
                text.append('\n').append(kind).append("s:");
            }
            text.append(String.format(Locale.ROOT, "%n%s %-36s", row.differs() ? "*" : " ", cut(row.key(), 36)));
            for (String value : row.values()) {
                text.append(String.format(Locale.ROOT, "  %-" + width + "s", value == null ? "-" : cut(value, width)));
            }
        }
        return text.toString();
    }

    private static String cut(String value, int width) {
        return value.length() <= width ? value : value.substring(0, width - 1) + "~";
    }
}
