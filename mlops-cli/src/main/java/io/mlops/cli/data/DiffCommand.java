package io.mlops.cli.data;

import io.mlops.cli.Sizes;
import io.mlops.data.SnapshotDiff;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mlops data diff A B}: added, removed and modified paths between two snapshots. */
@Command(
        name = "diff",
        mixinStandardHelpOptions = true,
        description = "Show added, removed and modified paths between two snapshots (ids, names or .dvc files).")
final class DiffCommand implements Callable<Integer> {
    @ParentCommand
    private DataCommand data;

    @Parameters(index = "0", paramLabel = "A", description = "The older snapshot: id, name or .dvc file.")
    private String before;

    @Parameters(index = "1", paramLabel = "B", description = "The newer snapshot: id, name or .dvc file.")
    private String after;

    @Override
    public Integer call() {
        SnapshotDiff diff = data.snapshots().diff(before, after);
        StringBuilder text = new StringBuilder();
        for (SnapshotDiff.Change change : diff.changes()) {
            String sizes = switch (change.kind()) {
                case ADDED -> Sizes.human(change.newSize());
                case REMOVED -> Sizes.human(change.oldSize());
                case MODIFIED -> Sizes.human(change.oldSize()) + " -> " + Sizes.human(change.newSize());
            };
            text.append(String.format(
                    "%-8s %s (%s)%n", change.kind().name().toLowerCase(java.util.Locale.ROOT), change.path(), sizes));
        }
        text.append(String.format(
                "%d added, %d removed, %d modified",
                diff.count(SnapshotDiff.Kind.ADDED),
                diff.count(SnapshotDiff.Kind.REMOVED),
                diff.count(SnapshotDiff.Kind.MODIFIED)));
        data.output().result(diff, text.toString());
        return 0;
    }
}
