package io.mlops.jenkins.steps;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.mlops.error.UserError;
import io.mlops.jenkins.ConsoleProgress;
import io.mlops.jenkins.StepFailures;
import io.mlops.labels.live.LabelStudioSource;
import io.mlops.labels.live.PullResult;
import io.mlops.token.SecretMask;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * The first part of {@code dataSnapshot labelStudio: [...]}: looks up the token credential on the
 * controller, pulls on the agent, and says what came. The token never reaches the log: the pull prints
 * none, and a failure's message is masked all the same.
 */
final class LabelStudioPuller {
    private final LabelStudioProject project;
    private final String path;
    private final FilePath workspace;
    private final Run<?, ?> run;
    private final TaskListener listener;

    LabelStudioPuller(
            LabelStudioProject project, String path, FilePath workspace, Run<?, ?> run, TaskListener listener) {
        this.project = project;
        this.path = path;
        this.workspace = workspace;
        this.run = run;
        this.listener = listener;
    }

    /**
     * Pulls.
     *
     * @return the labels to validate and snapshot, as {@code labelstudio:PATH/result.json}
     * @throws Exception an AbortException with a clear message for every mistake a user can make
     */
    String pull() throws Exception {
        if (project.getCredentialsId() == null) {
            throw new AbortException("dataSnapshot labelStudio needs credentialsId: the secret text credential with"
                    + " the Label Studio API token");
        }
        StringCredentials credential = CredentialsProvider.findCredentialById(
                project.getCredentialsId(), StringCredentials.class, run, List.of());
        if (credential == null) {
            throw new AbortException(
                    "dataSnapshot: no secret text credential '" + project.getCredentialsId() + "' for this job");
        }
        LabelStudioSource source;
        try {
            source = project.source();
        } catch (UserError e) {
            throw new AbortException("dataSnapshot labelStudio: " + e.getMessage());
        }
        PullResult pulled;
        try {
            pulled = workspace.act(new PullFromLabelStudio(
                    source, credential.getSecret(), project.getCredentialsId(), path, new ConsoleProgress(listener)));
        } catch (IOException | UserError e) {
            Exception explained = StepFailures.explain(e);
            if (explained instanceof AbortException abort) {
                throw new AbortException(
                        mask(abort.getMessage(), credential.getSecret().getPlainText()));
            }
            throw explained;
        }
        listener.getLogger()
                .printf(
                        Locale.ROOT,
                        "[mlops] pulled Label Studio %s '%s': %d tasks, %d images into %s%n",
                        source,
                        pulled.title(),
                        pulled.tasks(),
                        pulled.images(),
                        path);
        return "labelstudio:" + path + "/" + PullResult.EXPORT_FILE;
    }

    private static String mask(String message, String token) {
        byte[] line = (message == null ? "" : message).getBytes(StandardCharsets.UTF_8);
        return new String(new SecretMask(List.of(token)).mask(line, line.length), StandardCharsets.UTF_8);
    }
}
