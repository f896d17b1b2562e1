package io.mlops.cli.data;

import io.mlops.cli.Sizes;
import io.mlops.data.DataRef;
import io.mlops.data.DvcPointer;
import io.mlops.data.ManifestEntry;
import io.mlops.data.Snapshot;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code mlops data show SNAPSHOT}: a snapshot's record and files. */
@Command(
        name = "show",
        mixinStandardHelpOptions = true,
        description = "Show a snapshot's record and its files (an id, a name or a .dvc file).")
final class ShowCommand implements Callable<Integer> {
    @ParentCommand
    private DataCommand data;

    @Parameters(paramLabel = "SNAPSHOT", description = "A snapshot id, unique id prefix, name or .dvc file.")
    private String reference;

    @Option(names = "--files", paramLabel = "N", description = "How many files to list (default: ${DEFAULT-VALUE}).")
    private int files = 20;

    @Override
    public Integer call() {
        var snapshots = data.snapshots();
        boolean pointer = reference.endsWith(DvcPointer.SUFFIX);
        Snapshot snapshot = pointer ? null : snapshots.find(reference);
        DataRef ref = snapshots.resolve(pointer ? reference : snapshot.id());
        if (pointer) {
            snapshot = snapshots.recordOf(ref).orElse(null);
        }
        StringBuilder text = new StringBuilder();
        if (snapshot == null) {
            text.append("id:         ").append(ref.objectId().md5()).append('\n');
            text.append("object:     ").append(ref.objectId()).append('\n');
            text.append("source:     ").append(reference).append(" (not snapshotted by the suite here)\n");
            text.append("files:      ").append(ref.manifest().fileCount()).append('\n');
            text.append("size:       ").append(Sizes.human(ref.manifest().totalSize()));
        } else {
            describe(snapshot, text);
        }
        appendFiles(ref, text);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("snapshot", snapshot);
        if (pointer) {
            json.put("pointer", reference);
            json.put("object", ref.objectId().toString());
        }
        json.put("files", ref.manifest().entries());
        data.output().result(json, text.toString());
        return 0;
    }

    private static void describe(Snapshot snapshot, StringBuilder text) {
        text.append("id:         ").append(snapshot.id()).append('\n');
        text.append("object:     ").append(snapshot.objectId()).append('\n');
        text.append("names:      ")
                .append(snapshot.names().isEmpty() ? "-" : String.join(", ", snapshot.names()))
                .append('\n');
        text.append("source:     ").append(snapshot.sourcePath()).append('\n');
        text.append("files:      ").append(snapshot.fileCount()).append('\n');
        text.append("size:       ").append(Sizes.human(snapshot.totalSize())).append('\n');
        text.append("created:    ").append(snapshot.createdAt()).append('\n');
        text.append("git:        ")
                .append(
                        snapshot.git() == null
                                ? "-"
                                : (snapshot.git().hasCommit() ? snapshot.git().commit() : "(no commit)")
                                        + (snapshot.git().dirty() ? " (dirty)" : ""))
                .append('\n');
        text.append("message:    ").append(snapshot.message() == null ? "-" : snapshot.message());
    }

    private void appendFiles(DataRef ref, StringBuilder text) {
        int shown = 0;
        for (ManifestEntry entry : ref.manifest().entries()) {
            if (shown++ == files) {
                text.append("\n  ... ")
                        .append(ref.manifest().fileCount() - files)
                        .append(" more");
                break;
            }
            text.append(String.format("%n  %s  %10s  %s", entry.md5(), Sizes.human(entry.size()), entry.path()));
        }
    }
}
