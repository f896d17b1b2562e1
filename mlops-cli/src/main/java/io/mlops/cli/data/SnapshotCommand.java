package io.mlops.cli.data;

import io.mlops.cli.Sizes;
import io.mlops.data.SnapshotRequest;
import io.mlops.data.SnapshotResult;
import io.mlops.data.Snapshotter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mlops data snapshot PATH}: hash, store and record a file or directory. */
@Command(
        name = "snapshot",
        mixinStandardHelpOptions = true,
        description = {
            "Hash a file or directory, store its objects content-addressed and record an immutable snapshot.",
            "Inside a DVC repository, writes PATH.dvc and fills that repository's cache.",
            "Prints the snapshot id; unchanged data gives the same id and stores nothing new."
        })
final class SnapshotCommand implements Callable<Integer> {
    @ParentCommand
    private DataCommand data;

    @Parameters(paramLabel = "PATH", description = "The file or directory to snapshot.")
    private Path path;

    @Option(names = "--name", paramLabel = "NAME", description = "A name to find the snapshot by later.")
    private String name;

    @Option(names = "--message", paramLabel = "TEXT", description = "A note kept with the snapshot.")
    private String message;

    @Option(names = "--git-commit", description = "Commit the .dvc pointer file (never the data) to Git.")
    private boolean gitCommit;

    @Option(names = "--jobs", paramLabel = "N", description = "Files hashed at once (default: ${DEFAULT-VALUE}).")
    private int jobs = Snapshotter.defaultThreads();

    @Override
    public Integer call() {
        SnapshotResult result =
                data.snapshots().take(path, new SnapshotRequest(name, message, gitCommit, jobs), data.progress());
        var snapshot = result.snapshot();
        StringBuilder text = new StringBuilder(snapshot.id());
        data.err()
                .printf(
                        "%s %s: %,d files, %s (%,d hashed, %,d unchanged)%s%n",
                        result.created() ? "recorded" : "unchanged",
                        snapshot.label(),
                        snapshot.fileCount(),
                        Sizes.human(snapshot.totalSize()),
                        result.hashedFiles(),
                        snapshot.fileCount() - result.hashedFiles(),
                        result.pointerFile() == null ? "" : "; wrote " + result.pointerFile());
        if (result.gitCommit() != null) {
            data.err().println("committed " + result.pointerFile() + " as " + result.gitCommit());
        }
        data.output().result(result, text.toString());
        return 0;
    }
}
