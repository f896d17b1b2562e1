package io.mlops.cli.data;

import io.mlops.cli.Sizes;
import io.mlops.data.Snapshot;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code mlops data list}: the recorded snapshots, newest first. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List recorded snapshots, newest first.")
final class ListCommand implements Callable<Integer> {
    @ParentCommand
    private DataCommand data;

    @Override
    public Integer call() {
        List<Snapshot> snapshots = data.snapshots().list();
        StringBuilder text = new StringBuilder(String.format(
                Locale.ROOT, "%-12s  %-20s  %9s  %10s  %-24s  %s", "ID", "NAME", "FILES", "SIZE", "CREATED", "SOURCE"));
        for (Snapshot s : snapshots) {
            text.append(String.format(
                    Locale.ROOT,
                    "%n%-12s  %-20s  %,9d  %10s  %-24s  %s",
                    s.id().substring(0, 12),
                    s.names().isEmpty() ? "-" : String.join(",", s.names()),
                    s.fileCount(),
                    Sizes.human(s.totalSize()),
                    s.createdAt(),
                    s.sourcePath()));
        }
        data.output().result(snapshots, text.toString());
        return 0;
    }
}
