package io.mlops.cli.data;

import io.mlops.data.CheckoutResult;
import io.mlops.data.Snapshotter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mlops data checkout SNAPSHOT DEST}: restore files, verifying every hash. */
@Command(
        name = "checkout",
        mixinStandardHelpOptions = true,
        description = {
            "Restore a snapshot's files into DEST, verifying every hash while writing.",
            "Refuses to overwrite files that differ from the snapshot unless --force; other files in DEST are kept."
        })
final class CheckoutCommand implements Callable<Integer> {
    @ParentCommand
    private DataCommand data;

    @Parameters(index = "0", paramLabel = "SNAPSHOT", description = "A snapshot id, name or .dvc file.")
    private String reference;

    @Parameters(index = "1", paramLabel = "DEST", description = "Where to restore the files.")
    private Path destination;

    @Option(names = "--force", description = "Overwrite files whose content differs from the snapshot.")
    private boolean force;

    @Option(names = "--jobs", paramLabel = "N", description = "Files written at once (default: ${DEFAULT-VALUE}).")
    private int jobs = Snapshotter.defaultThreads();

    @Override
    public Integer call() {
        CheckoutResult result = data.snapshots().checkout(reference, destination, force, jobs, data.progress());
        data.output()
                .result(
                        result,
                        String.format(
                                "restored %s into %s: %,d written, %,d already up to date",
                                reference, destination, result.written(), result.unchanged()));
        return 0;
    }
}
