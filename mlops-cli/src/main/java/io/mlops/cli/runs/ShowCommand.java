package io.mlops.cli.runs;

import io.mlops.cli.server.StoreOptions;
import io.mlops.suite.SuiteStores;
import io.mlops.tracking.Run;
import io.mlops.tracking.RunContext;
import io.mlops.tracking.SnapshotInput;
import io.mlops.tracking.StoredArtifact;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mlops runs show RUN}: everything a run recorded. */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        description = "Show a run: status, params, final metrics, tags, where it came from, artifacts.")
final class ShowCommand implements Callable<Integer> {
    @ParentCommand
    private RunsCommand runs;

    @Mixin
    private StoreOptions storeOptions;

    @Parameters(paramLabel = "RUN", description = "A run id or a unique prefix of one.")
    private String reference;

    @Override
    public Integer call() {
        try (SuiteStores store = runs.open(storeOptions)) {
            Run run = RunsCommand.find(store.tracking(), reference);
            List<StoredArtifact> artifacts = store.tracking().artifacts(run.id(), "");
            String experiment =
                    store.tracking().experiment(run.info().experimentId()).name();
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("run", run);
            json.put("experiment", experiment);
            json.put("artifacts", artifacts);
            runs.output().result(json, text(run, experiment, artifacts));
        }
        return 0;
    }

    private static String text(Run run, String experiment, List<StoredArtifact> artifacts) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(
                Locale.ROOT,
                "run %s (%s)%nexperiment %s, %s, started %s, duration %s, user %s%n",
                run.id(),
                run.info().runName(),
                experiment,
                run.info().status(),
                java.time.Instant.ofEpochMilli(run.info().startTime()),
                ListCommand.duration(run.info()),
                run.info().userId()));
        RunContext context = run.context();
        if (context.source() != null) {
            text.append("source: ").append(context.source()).append('\n');
        }
        if (context.git() != null) {
            text.append("git: ")
                    .append(context.git().hasCommit() ? context.git().commit() : "(no commit)")
                    .append(context.git().dirty() ? " (dirty)" : "")
                    .append('\n');
        }
        if (context.host() != null) {
            text.append(String.format(
                    Locale.ROOT,
                    "host: %s, %s %s, %d CPUs, %.1f GB%s%n",
                    context.host().hostname(),
                    context.host().os(),
                    context.host().arch(),
                    context.host().cpus(),
                    context.host().memoryBytes() / 1e9,
                    context.host().gpus().isEmpty()
                            ? ""
                            : ", " + String.join(", ", context.host().gpus())));
        }
        for (SnapshotInput snapshot : context.snapshots()) {
            text.append("data: ")
                    .append(snapshot.snapshotId())
                    .append(' ')
                    .append(snapshot.label())
                    .append(" (")
                    .append(snapshot.path())
                    .append(")\n");
        }
        section(
                text,
                "params",
                run.params().stream().map(p -> row(p.key(), p.value())).toList());
        section(
                text,
                "metrics",
                run.metrics().stream()
                        .map(m -> row(m.key(), m.value() + " (step " + m.step() + ")"))
                        .toList());
        section(
                text,
                "tags",
                run.tags().stream().map(t -> row(t.key(), t.value())).toList());
        section(
                text,
                "artifacts",
                artifacts.stream()
                        .map(a -> row(a.path(), a.blob().size() + " bytes"))
                        .toList());
        return text.toString().stripTrailing();
    }

    private static String row(String key, String value) {
        return String.format(Locale.ROOT, "  %-32s %s", key, value);
    }

    private static void section(StringBuilder text, String title, List<String> rows) {
        if (!rows.isEmpty()) {
            text.append(title).append(":\n");
            rows.forEach(row -> text.append(row).append('\n'));
        }
    }
}
