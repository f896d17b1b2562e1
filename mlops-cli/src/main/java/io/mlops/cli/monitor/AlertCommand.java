package io.mlops.cli.monitor;

import io.mlops.cli.Output;
import io.mlops.cli.server.StoreOptions;
import io.mlops.suite.SuiteStores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code mlops monitor alert}: alert rules per model. */
@Command(
        name = "alert",
        mixinStandardHelpOptions = true,
        description = {
            "Add, list and remove alert rules on a model's deployments.",
            "A running `mlops server` evaluates them over the health it reads from the agents: an alert fires on an"
                    + " endpoint when the value exceeded the limit on every sample of the last N minutes, and"
                    + " resolves when a sample is back within it. Each change is a registry event (webhook event"
                    + " ALERT_CHANGED; Jenkins: registryEvent on: 'drift' or 'alert')."
        },
        subcommands = {AlertAddCommand.class, AlertListCommand.class, AlertRemoveCommand.class})
final class AlertCommand implements Runnable {
    @ParentCommand
    private MonitorCommand monitor;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(
                spec.commandLine(),
                "mlops monitor alert needs a subcommand: " + spec.subcommands().keySet());
    }

    SuiteStores open(StoreOptions options) {
        return monitor.open(options);
    }

    Output output() {
        return monitor.output();
    }
}
