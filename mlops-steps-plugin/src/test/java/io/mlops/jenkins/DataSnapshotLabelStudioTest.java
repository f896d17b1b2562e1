package io.mlops.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.FilePath;
import hudson.model.Result;
import hudson.util.Secret;
import io.mlops.jenkins.steps.SnapshotAction;
import io.mlops.testing.LabelStudioProjects;
import io.mlops.testing.LabelStudioServer;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * dataSnapshot labelStudio: pulls a real Label Studio project (one server for the class) into the
 * workspace with a secret text credential, then snapshots it with its labels; the token stays out of the
 * log.
 */
@WithJenkins
class DataSnapshotLabelStudioTest {
    @TempDir
    static Path shared;

    private static LabelStudioServer server;
    private static long project;

    @BeforeAll
    static void startLabelStudio() throws Exception {
        server = LabelStudioServer.start(shared.resolve("label-studio"));
        LabelStudioProjects api = new LabelStudioProjects(server);
        project = api.createProject("jenkins pull");
        Path cat = shared.resolve("cat.png");
        ImageIO.write(new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB), "png", cat.toFile());
        api.annotate(api.upload(project, cat), "cat", 40, 30, 25, 10, 50, 60);
    }

    @AfterAll
    static void stopLabelStudio() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shouldPullTheProjectAndSnapshotItWithItsLabels(JenkinsRule j) throws Exception {
        credential("ls-token", LabelStudioServer.TOKEN);
        WorkflowJob job = j.createProject(WorkflowJob.class, "pull");
        job.setDefinition(new CpsFlowDefinition(
                "node('" + j.createOnlineSlave().getNodeName() + "') {\n"
                        + "  def id = dataSnapshot path: 'data/pets', name: 'pets', labelStudio: [url: '"
                        + server.url() + "', project: " + project + ", credentialsId: 'ls-token']\n"
                        + "  echo \"snapshot=${id}\"\n"
                        + "}",
                true));

        WorkflowRun first = j.buildAndAssertSuccess(job);
        WorkflowRun second = j.buildAndAssertSuccess(job);

        j.assertLogContains("'jenkins pull': 1 tasks, 1 images", first);
        j.assertLogNotContains(LabelStudioServer.TOKEN, first);
        SnapshotAction action = first.getAction(SnapshotAction.class);
        assertThat(action.hasCard()).isTrue();
        assertThat(action.getFiles()).isEqualTo(2);
        assertThat(second.getAction(SnapshotAction.class).getSnapshotId())
                .as("the same pull replaces the previous one and gives the same snapshot")
                .isEqualTo(action.getSnapshotId());
    }

    @Test
    void shouldFailOnAWrongTokenNamingTheServerAndLeaveNothing(JenkinsRule j) throws Exception {
        String wrong = "ffffffffffffffffffffffffffffffffffffffff";
        credential("wrong-token", wrong);
        WorkflowJob job = j.createProject(WorkflowJob.class, "wrong");
        job.setDefinition(new CpsFlowDefinition(
                "node { dataSnapshot path: 'data/pets', labelStudio: [url: '" + server.url() + "', project: " + project
                        + ", credentialsId: 'wrong-token'] }",
                true));

        WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, job);

        j.assertLogContains(server.url() + " refused the API token", run);
        j.assertLogNotContains(wrong, run);
        j.assertLogNotContains("\tat io.mlops", run);
        FilePath workspace = j.jenkins.getWorkspaceFor(job);
        assertThat(workspace.child("data/pets").exists()).isFalse();
    }

    private static void credential(String id, String token) throws Exception {
        SystemCredentialsProvider.getInstance()
                .getCredentials()
                .add(new StringCredentialsImpl(CredentialsScope.GLOBAL, id, "Label Studio", Secret.fromString(token)));
        SystemCredentialsProvider.getInstance().save();
    }
}
