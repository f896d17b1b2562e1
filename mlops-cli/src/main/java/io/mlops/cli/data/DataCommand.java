package io.mlops.cli.data;

import io.mlops.cli.MlopsCommand;
import io.mlops.cli.Output;
import io.mlops.cli.TerminalProgress;
import io.mlops.cli.labels.LabelsCommand;
import io.mlops.data.Snapshots;
import io.mlops.progress.ProgressListener;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code mlops data}: versioned data snapshots, compatible with DVC 3. */
@Command(
        name = "data",
        mixinStandardHelpOptions = true,
        description = "Pin exactly which files a model saw: snapshots in DVC 3's format.",
        subcommands = {
            SnapshotCommand.class,
            ListCommand.class,
            ShowCommand.class,
            DiffCommand.class,
            CheckoutCommand.class,
            PushCommand.class,
            PullCommand.class,
            GcCommand.class,
            LabelsCommand.class
        })
public final class DataCommand implements Runnable {
    @ParentCommand
    private MlopsCommand root;

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(
                spec.commandLine(),
                "mlops data needs a subcommand: " + spec.subcommands().keySet());
    }

    Snapshots snapshots() {
        return Snapshots.open(root.home());
    }

    java.nio.file.Path cache() {
        return root.home().cache();
    }

    Output output() {
        return new Output(spec.commandLine().getOut(), root.json());
    }

    ProgressListener progress() {
        return TerminalProgress.forTerminal(spec.commandLine().getErr());
    }

    java.util.Map<String, String> environment() {
        return root.environment();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
