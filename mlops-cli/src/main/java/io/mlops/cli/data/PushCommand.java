package io.mlops.cli.data;

import io.mlops.data.Remote;
import io.mlops.data.TransferResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mlops data push SNAPSHOT [--remote s3://bucket/prefix|DIR] [--jobs N] [--endpoint-url URL]}. */
@Command(
        name = "push",
        mixinStandardHelpOptions = true,
        description = {
            "Copy a snapshot's objects to a remote (s3://bucket/prefix or a directory) in DVC's remote layout.",
            "Objects the remote holds already are skipped; an interrupted push resumes where it stopped."
        })
final class PushCommand implements Callable<Integer> {
    @ParentCommand
    private DataCommand data;

    @Parameters(paramLabel = "SNAPSHOT", description = "A snapshot id, name or .dvc file.")
    private String reference;

    @Mixin
    private RemoteOptions remote;

    @Override
    public Integer call() {
        TransferResult result;
        try (Remote opened = remote.open(data.environment(), reference)) {
            result = data.snapshots().push(reference, opened, remote.jobs(), data.progress());
        }
        data.output()
                .result(
                        result,
                        String.format(
                                "pushed %s to %s: %,d objects copied, %,d already there",
                                reference, remote.text(), result.transferred(), result.present()));
        return 0;
    }
}
