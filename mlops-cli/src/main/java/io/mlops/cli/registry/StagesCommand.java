package io.mlops.cli.registry;

import io.mlops.cli.server.StoreOptions;
import io.mlops.registry.ModelRegistry;
import io.mlops.registry.StageChange;
import io.mlops.registry.StageHistory;
import io.mlops.suite.SuiteStores;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mlops registry stages MODEL}: the history of a model's aliases. */
@Command(
        name = "stages",
        mixinStandardHelpOptions = true,
        description = "Show every change of MODEL's aliases (stages such as production), oldest first:"
                + " when, which alias, what happened, the version before and after, who and why.")
final class StagesCommand implements Callable<Integer> {
    private static final String ROW = "%-20s  %-12s  %-8s  %-8s  %-8s  %-12s  %s";

    @ParentCommand
    private RegistryCommand registry;

    @Mixin
    private StoreOptions storeOptions;

    @Parameters(paramLabel = "MODEL", description = "The registered model's name.")
    private String model;

    @Override
    public Integer call() {
        try (SuiteStores store = registry.open(storeOptions)) {
            ModelRegistry models = store.registry();
            models.model(model); // an unknown model fails with the registry's message
            List<StageChange> history = StageHistory.of(models.audit(model));
            StringBuilder text = new StringBuilder(
                    String.format(Locale.ROOT, ROW, "AT", "ALIAS", "KIND", "FROM", "TO", "ACTOR", "REASON"));
            for (StageChange change : history) {
                text.append(String.format(
                        Locale.ROOT,
                        "%n" + ROW,
                        Instant.ofEpochMilli(change.at()).toString().replaceFirst("\\.\\d+Z$", "Z"),
                        change.alias(),
                        change.kind(),
                        change.previous() == null ? "-" : "v" + change.previous(),
                        change.version() == null ? "-" : "v" + change.version(),
                        change.actor(),
                        change.reason() == null ? "-" : change.reason()));
            }
            registry.output().result(history, history.isEmpty() ? "no alias changes" : text.toString());
        }
        return 0;
    }
}
