package io.mlops.cli.registry;

import io.mlops.cli.MlopsCommand;
import io.mlops.cli.Output;
import io.mlops.cli.server.StoreOptions;
import io.mlops.registry.Change;
import io.mlops.suite.SuiteStores;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code mlops registry}: the model registry from the command line. */
@Command(
        name = "registry",
        mixinStandardHelpOptions = true,
        description = {
            "Register model versions, move aliases, roll back, archive, and read the audit log and lineage.",
            "Changes are recorded in the audit log as made by $USER (\"unknown\" when unset)."
        },
        subcommands = {
            RegisterCommand.class,
            ListCommand.class,
            ShowCommand.class,
            AliasCommand.class,
            RollbackCommand.class,
            ArchiveCommand.class,
            AuditCommand.class,
            LineageCommand.class,
            StagesCommand.class,
            WebhookCommand.class
        })
public final class RegistryCommand implements Runnable {
    /** The sentence every changing subcommand's help carries. */
    static final String ACTOR_NOTE = "The audit log records the change as made by $USER (\"unknown\" when unset).";

    @ParentCommand
    private MlopsCommand root;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(
                spec.commandLine(),
                "mlops registry needs a subcommand: " + spec.subcommands().keySet());
    }

    MlopsCommand root() {
        return root;
    }

    SuiteStores open(StoreOptions options) {
        return options.open(root.home(), root.environment());
    }

    Output output() {
        return new Output(spec.commandLine().getOut(), root.json());
    }

    /**
     * Who makes a change: {@code $USER}, or {@code unknown}.
     *
     * @return the actor
     */
    String actor() {
        String user = root.environment().get("USER");
        return user == null || user.isBlank() ? "unknown" : user;
    }

    Change change(String reason) {
        return new Change(actor(), reason);
    }

    /**
     * A shortened id for tables.
     *
     * @param id a run or snapshot id, or null
     * @return its first 8 characters, or {@code -}
     */
    static String shortId(String id) {
        if (id == null || id.isEmpty()) {
            return "-";
        }
        return id.length() > 8 ? id.substring(0, 8) : id;
    }

    static String joined(List<String> values) {
        return values.isEmpty() ? "-" : String.join(",", values);
    }
}
