package io.mlops.cli.data;

import io.mlops.data.DirectoryRemote;
import io.mlops.data.TransferResult;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mlops data push SNAPSHOT --remote DIR}. */
@Command(
        name = "push",
        mixinStandardHelpOptions = true,
        description = "Copy a snapshot's objects to a directory remote in DVC's remote layout.")
final class PushCommand implements Callable<Integer> {
    @ParentCommand
    private DataCommand data;

    @Parameters(paramLabel = "SNAPSHOT", description = "A snapshot id, name or .dvc file.")
    private String reference;

    @Option(names = "--remote", required = true, paramLabel = "DIR", description = "The remote directory.")
    private Path remote;

    @Override
    public Integer call() {
        TransferResult result = data.snapshots().push(reference, new DirectoryRemote(remote), data.progress());
        data.output()
                .result(
                        result,
                        String.format(
                                "pushed %s to %s: %,d objects copied, %,d already there",
                                reference, remote, result.transferred(), result.present()));
        return 0;
    }
}
