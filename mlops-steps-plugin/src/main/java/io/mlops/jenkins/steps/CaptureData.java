package io.mlops.jenkins.steps;

import hudson.remoting.VirtualChannel;
import io.mlops.data.CapturedSnapshot;
import io.mlops.data.SnapshotCapture;
import io.mlops.home.SuiteHome;
import io.mlops.progress.ProgressListener;
import java.io.File;
import jenkins.MasterToSlaveFileCallable;

/** On the agent: hash and cache the data, write the .dvc pointer; the controller records it. */
final class CaptureData extends MasterToSlaveFileCallable<CapturedSnapshot> {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final SnapshotOptions options;
    private final ProgressListener progress;

    CaptureData(String path, SnapshotOptions options, ProgressListener progress) {
        this.path = path;
        this.options = options;
        this.progress = progress;
    }

    @Override
    public CapturedSnapshot invoke(File workspace, VirtualChannel channel) {
        return SnapshotCapture.capture(
                SuiteHome.resolve(null, System.getenv()),
                Workspaces.resolve(workspace, path, "dataSnapshot path"),
                options.request(),
                progress);
    }
}
