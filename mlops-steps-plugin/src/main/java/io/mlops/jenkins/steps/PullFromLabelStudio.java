package io.mlops.jenkins.steps;

import hudson.remoting.VirtualChannel;
import hudson.util.Secret;
import io.mlops.labels.live.LabelStudioPull;
import io.mlops.labels.live.LabelStudioSource;
import io.mlops.labels.live.LabelStudioToken;
import io.mlops.labels.live.PullResult;
import io.mlops.progress.ProgressListener;
import java.io.File;
import jenkins.MasterToSlaveFileCallable;

/**
 * On the agent: pull a Label Studio project into the step's path, replacing the previous build's pull only
 * once the new one is complete.
 */
final class PullFromLabelStudio extends MasterToSlaveFileCallable<PullResult> {
    private static final long serialVersionUID = 1L;

    private final LabelStudioSource source;
    private final Secret token;
    private final String credentialsId;
    private final String path;
    private final ProgressListener progress;

    PullFromLabelStudio(
            LabelStudioSource source, Secret token, String credentialsId, String path, ProgressListener progress) {
        this.source = source;
        this.token = token;
        this.credentialsId = credentialsId;
        this.path = path;
        this.progress = progress;
    }

    @Override
    public PullResult invoke(File workspace, VirtualChannel channel) {
        return new LabelStudioPull(
                        source, LabelStudioToken.of(token.getPlainText(), "credential '" + credentialsId + "'"))
                .pull(Workspaces.resolve(workspace, path, "dataSnapshot path"), true, progress);
    }
}
