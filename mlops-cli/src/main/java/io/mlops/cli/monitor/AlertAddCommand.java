package io.mlops.cli.monitor;

import io.mlops.cli.server.StoreOptions;
import io.mlops.monitor.AlertKind;
import io.mlops.monitor.AlertRule;
import io.mlops.suite.SuiteStores;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mlops monitor alert add MODEL NAME --kind K --limit X --for N}: add an alert rule. */
@Command(
        name = "add",
        mixinStandardHelpOptions = true,
        description = {
            "Add an alert rule to a registered model.",
            "Kinds: drift (input PSI; the largest of any input, or --input's), error_rate (the fraction of failed"
                    + " requests, 0 to 1), latency (p95 in milliseconds)."
        })
final class AlertAddCommand implements Callable<Integer> {
    @ParentCommand
    private AlertCommand alert;

    @Mixin
    private StoreOptions storeOptions;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The registered model.")
    private String model;

    @Parameters(index = "1", paramLabel = "NAME", description = "The rule's name (letters, digits, _ . -).")
    private String name;

    @Option(names = "--kind", required = true, paramLabel = "KIND", description = "drift, error_rate or latency.")
    private String kind;

    @Option(
            names = "--limit",
            required = true,
            paramLabel = "X",
            description = "Fire above this value (PSI, error fraction, or milliseconds).")
    private double limit;

    @Option(
            names = "--for",
            paramLabel = "MINUTES",
            description = "How long every sample must exceed the limit (default: ${DEFAULT-VALUE}).")
    private int minutes = 5;

    @Option(names = "--input", paramLabel = "INPUT", description = "A drift rule's one watched input.")
    private String input;

    @Override
    public Integer call() {
        AlertRule rule = new AlertRule(model, name, AlertKind.parse(kind), limit, minutes, input);
        try (SuiteStores store = alert.open(storeOptions)) {
            AlertRule added = store.alertRules().add(rule);
            alert.output()
                    .result(
                            AlertListCommand.json(added),
                            String.format(
                                    Locale.ROOT,
                                    "added alert rule %s on %s: %s > %s for %d min",
                                    added.name(),
                                    added.model(),
                                    AlertListCommand.watched(added),
                                    added.limit(),
                                    added.minutes()));
        }
        return 0;
    }
}
