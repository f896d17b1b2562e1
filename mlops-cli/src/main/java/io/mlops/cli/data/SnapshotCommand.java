package io.mlops.cli.data;

import io.mlops.cli.MlopsCommand;
import io.mlops.cli.Sizes;
import io.mlops.cli.labels.ReportText;
import io.mlops.data.SnapshotRequest;
import io.mlops.data.SnapshotResult;
import io.mlops.data.Snapshotter;
import io.mlops.labels.check.CheckOptions;
import io.mlops.labels.check.ValidationReport;
import io.mlops.labels.format.LabelSource;
import io.mlops.labels.scan.LabeledSnapshotResult;
import io.mlops.labels.scan.LabeledSnapshots;
import io.mlops.labels.scan.LabelsRejected;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code mlops data snapshot PATH}: hash, store and record a file or directory. */
@Command(
        name = "snapshot",
        mixinStandardHelpOptions = true,
        description = {
            "Hash a file or directory, store its objects content-addressed and record an immutable snapshot.",
            "Inside a DVC repository, writes PATH.dvc and fills that repository's cache.",
            "Prints the snapshot id; unchanged data gives the same id and stores nothing new.",
            "With --labels, validates the labels first (errors stop it before anything is stored) and records",
            "their dataset card with the snapshot, for mlops data labels stats and drift."
        })
final class SnapshotCommand implements Callable<Integer> {
    @ParentCommand
    private DataCommand data;

    @Spec
    private CommandSpec spec;

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

    @Option(
            names = "--labels",
            paramLabel = "FORMAT:PATH",
            description = "Labels of the data (coco, yolo, voc, labelstudio, cvat, sagemaker) to validate and"
                    + " describe in a dataset card recorded with the snapshot.")
    private String labels;

    @Option(
            names = "--images",
            paramLabel = "DIR",
            description = "With --labels: the directory image paths in the labels are relative to.")
    private Path images;

    @Option(names = "--strict", description = "With --labels: warnings in the labels stop the snapshot too.")
    private boolean strict;

    @Override
    public Integer call() {
        SnapshotRequest request = new SnapshotRequest(name, message, gitCommit, jobs);
        if (labels == null) {
            if (images != null || strict) {
                throw new ParameterException(spec.commandLine(), "--images and --strict go with --labels");
            }
            SnapshotResult result = data.snapshots().take(path, request, data.progress());
            describe(result);
            data.output().result(result, result.snapshot().id());
            return 0;
        }
        MlopsCommand root = (MlopsCommand) spec.root().userObject();
        LabeledSnapshotResult labeled;
        try {
            labeled = LabeledSnapshots.open(root.home())
                    .take(
                            path,
                            request,
                            LabelSource.parse(labels, images),
                            CheckOptions.defaults().withStrict(strict),
                            data.progress());
        } catch (LabelsRejected rejected) {
            data.output().result(rejected.report(), ReportText.of(rejected.report()));
            data.err()
                    .println("mlops: error: "
                            + rejected.getMessage().lines().findFirst().orElse(""));
            return 1;
        }
        describe(labeled.snapshot());
        ValidationReport report = labeled.report();
        data.err()
                .printf(
                        "labels %s: %,d images, %,d objects, %,d classes; %s; card %s recorded%n",
                        report.labels(),
                        report.images(),
                        report.annotations() + report.imageLabels(),
                        labeled.card().card().classes().size(),
                        ReportText.count(report.warnings(), "warning"),
                        labeled.card().cardObject());
        data.output().result(labeled, labeled.snapshot().snapshot().id());
        return 0;
    }

    private void describe(SnapshotResult result) {
        var snapshot = result.snapshot();
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
    }
}
