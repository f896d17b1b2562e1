package io.mlops.cli.data;

import io.mlops.data.DirectoryRemote;
import io.mlops.data.TransferResult;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mlops data pull SNAPSHOT --remote DIR}. */
@Command(
        name = "pull",
        mixinStandardHelpOptions = true,
        description = {
            "Copy a snapshot's objects from a directory remote into the local cache, verifying each.",
            "SNAPSHOT may be a snapshot known here, a .dvc file, or the full id of one this machine has not seen."
        })
final class PullCommand implements Callable<Integer> {
    @ParentCommand
    private DataCommand data;

    @Parameters(paramLabel = "SNAPSHOT", description = "A snapshot id, name or .dvc file.")
    private String reference;

    @Option(names = "--remote", required = true, paramLabel = "DIR", description = "The remote directory.")
    private Path remote;

    @Override
    public Integer call() {
        TransferResult result = data.snapshots().pull(reference, new DirectoryRemote(remote), null, data.progress());
        data.output()
                .result(
                        result,
                        String.format(
                                "pulled %s from %s: %,d objects copied, %,d already here",
                                reference, remote, result.transferred(), result.present()));
        return 0;
    }
}
