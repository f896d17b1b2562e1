package io.mlops.cli.monitor;

import io.mlops.cli.MlopsCommand;
import io.mlops.cli.Output;
import io.mlops.cli.server.StoreOptions;
import io.mlops.suite.SuiteStores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code mlops monitor}: monitoring of models in production. */
@Command(
        name = "monitor",
        mixinStandardHelpOptions = true,
        description = "Monitoring of deployed models: alert rules on drift, error rate and latency.",
        subcommands = {AlertCommand.class})
public final class MonitorCommand implements Runnable {
    @ParentCommand
    private MlopsCommand root;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(
                spec.commandLine(),
                "mlops monitor needs a subcommand: " + spec.subcommands().keySet());
    }

    SuiteStores open(StoreOptions options) {
        return options.open(root.home(), root.environment());
    }

    Output output() {
        return new Output(spec.commandLine().getOut(), root.json());
    }
}
