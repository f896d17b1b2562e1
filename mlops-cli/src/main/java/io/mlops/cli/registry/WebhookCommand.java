package io.mlops.cli.registry;

import io.mlops.cli.MlopsCommand;
import io.mlops.cli.Output;
import io.mlops.cli.server.StoreOptions;
import io.mlops.suite.SuiteStores;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code mlops registry webhook}: subscriptions to registry events. */
@Command(
        name = "webhook",
        mixinStandardHelpOptions = true,
        description = {
            "Add, list and remove webhooks, and read their delivery log.",
            "`mlops server` POSTs each registry change made through it (its registry API or the MLflow protocol)"
                    + " to the matching webhooks, signed with their secret."
        },
        subcommands = {
            WebhookAddCommand.class,
            WebhookListCommand.class,
            WebhookRemoveCommand.class,
            WebhookDeliveriesCommand.class
        })
final class WebhookCommand implements Runnable {
    @ParentCommand
    private RegistryCommand registry;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(
                spec.commandLine(),
                "mlops registry webhook needs a subcommand: "
                        + spec.subcommands().keySet());
    }

    SuiteStores open(StoreOptions options) {
        return registry.open(options);
    }

    Output output() {
        return registry.output();
    }

    MlopsCommand root() {
        return registry.root();
    }
}
