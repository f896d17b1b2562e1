package io.mlops.jenkins.steps;

import hudson.remoting.VirtualChannel;
import io.mlops.home.SuiteHome;
import io.mlops.labels.check.CheckOptions;
import io.mlops.labels.format.LabelSource;
import io.mlops.labels.scan.LabeledCapture;
import io.mlops.progress.ProgressListener;
import java.io.File;
import java.nio.file.Path;
import jenkins.MasterToSlaveFileCallable;

/** On the agent: validate the labels, then capture the data with their dataset card. */
final class CaptureLabeledData extends MasterToSlaveFileCallable<LabeledCapture> {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final String labels;
    private final String images;
    private final boolean strict;
    private final SnapshotOptions options;
    private final ProgressListener progress;

    CaptureLabeledData(
            String path,
            String labels,
            String images,
            boolean strict,
            SnapshotOptions options,
            ProgressListener progress) {
        this.path = path;
        this.labels = labels;
        this.images = images;
        this.strict = strict;
        this.options = options;
        this.progress = progress;
    }

    @Override
    public LabeledCapture invoke(File workspace, VirtualChannel channel) {
        // The format:path syntax is the CLI's (LabelSource.parse); only the path is re-rooted.
        LabelSource parsed = LabelSource.parse(labels, null);
        Path labelPath = Workspaces.resolve(workspace, parsed.path().toString(), "dataSnapshot labels");
        Path imageRoot = images == null ? null : Workspaces.resolve(workspace, images, "dataSnapshot images");
        return LabeledCapture.capture(
                SuiteHome.resolve(null, System.getenv()),
                Workspaces.resolve(workspace, path, "dataSnapshot path"),
                options.request(),
                new LabelSource(parsed.format(), labelPath, imageRoot),
                CheckOptions.defaults().withStrict(strict),
                progress);
    }
}
