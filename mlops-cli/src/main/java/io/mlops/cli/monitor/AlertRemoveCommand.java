package io.mlops.cli.monitor;

import io.mlops.cli.server.StoreOptions;
import io.mlops.suite.SuiteStores;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mlops monitor alert remove MODEL NAME}: remove an alert rule. */
@Command(
        name = "remove",
        mixinStandardHelpOptions = true,
        description = "Remove an alert rule and forget its alerts (no resolve event is sent).")
final class AlertRemoveCommand implements Callable<Integer> {
    @ParentCommand
    private AlertCommand alert;

    @Mixin
    private StoreOptions storeOptions;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model.")
    private String model;

    @Parameters(index = "1", paramLabel = "NAME", description = "The rule's name.")
    private String name;

    @Override
    public Integer call() {
        try (SuiteStores store = alert.open(storeOptions)) {
            store.alertRules().remove(model, name);
            alert.output()
                    .result(Map.of("model", model, "removed", name), "removed alert rule " + name + " from " + model);
        }
        return 0;
    }
}
