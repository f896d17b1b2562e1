package io.mlops.cli.runs;

import io.mlops.cli.server.StoreOptions;
import io.mlops.error.UserError;
import io.mlops.suite.SuiteStores;
import io.mlops.tracking.Experiment;
import io.mlops.tracking.Run;
import io.mlops.tracking.RunInfo;
import io.mlops.tracking.ViewType;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code mlops runs list}: runs, newest first. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List runs, newest first.")
final class ListCommand implements Callable<Integer> {
    @ParentCommand
    private RunsCommand runs;

    @Mixin
    private StoreOptions storeOptions;

    @Option(names = "--experiment", paramLabel = "NAME", description = "Only runs of this experiment.")
    private String experiment;

    @Option(
            names = "--filter",
            paramLabel = "EXPR",
            description = "An MLflow filter, e.g. \"metrics.loss < 0.5 and params.lr = '0.01'\".")
    private String filter = "";

    @Option(names = "--all", description = "Include deleted runs.")
    private boolean all;

    @Option(names = "--limit", paramLabel = "N", description = "At most N runs (default: ${DEFAULT-VALUE}).")
    private int limit = 50;

    @Override
    public Integer call() {
        try (SuiteStores store = runs.open(storeOptions)) {
            List<String> experiments = List.of();
            if (experiment != null) {
                Experiment found = store.tracking()
                        .experimentByName(experiment)
                        .orElseThrow(() -> new UserError("no experiment named '" + experiment + "' in "
                                + store.database().url()));
                experiments = List.of(found.id());
            }
            List<Run> found = RunsCommand.search(
                    store.tracking(), experiments, filter, all ? ViewType.ALL : ViewType.ACTIVE_ONLY, limit);
            Map<String, String> names = new HashMap<>();
            StringBuilder text = new StringBuilder(String.format(
                    Locale.ROOT,
                    "%-32s  %-20s  %-9s  %-20s  %9s  %s",
                    "RUN ID",
                    "NAME",
                    "STATUS",
                    "STARTED",
                    "DURATION",
                    "EXPERIMENT"));
            for (Run run : found) {
                RunInfo info = run.info();
                String experimentName = names.computeIfAbsent(
                        info.experimentId(),
                        id -> store.tracking().experiment(id).name());
                text.append(String.format(
                        Locale.ROOT,
                        "%n%-32s  %-20s  %-9s  %-20s  %9s  %s",
                        info.runId(),
                        info.runName(),
                        info.status(),
                        Instant.ofEpochMilli(info.startTime()).toString().replaceFirst("\\.\\d+Z$", "Z"),
                        duration(info),
                        experimentName));
            }
            runs.output().result(found, text.toString());
        }
        return 0;
    }

    static String duration(RunInfo info) {
        if (info.endTime() == null) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.1f s", (info.endTime() - info.startTime()) / 1000.0);
    }
}
