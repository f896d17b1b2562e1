package io.mlops.cli.data;

import io.mlops.data.Remote;
import io.mlops.data.TransferResult;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mlops data pull SNAPSHOT [--remote s3://bucket/prefix|DIR] [--jobs N] [--endpoint-url URL]}. */
@Command(
        name = "pull",
        mixinStandardHelpOptions = true,
        description = {
            "Copy a snapshot's objects from a remote (s3://bucket/prefix or a directory) into the local cache, verifying each.",
            "SNAPSHOT may be a snapshot known here, a .dvc file, or the full id of one this machine has not seen."
        })
final class PullCommand implements Callable<Integer> {
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
            result = data.snapshots().pull(reference, opened, null, remote.jobs(), data.progress());
        }
        data.output()
                .result(
                        result,
                        String.format(
                                "pulled %s from %s: %,d objects copied, %,d already here",
                                reference, remote.text(), result.transferred(), result.present()));
        return 0;
    }
}
