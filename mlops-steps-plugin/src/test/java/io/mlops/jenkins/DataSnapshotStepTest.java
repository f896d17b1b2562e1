package io.mlops.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import hudson.slaves.DumbSlave;
import io.mlops.jenkins.steps.SnapshotAction;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** dataSnapshot in a real pipeline on an agent: captured there, recorded on the controller. */
@WithJenkins
class DataSnapshotStepTest {
    @Test
    void shouldSnapshotOnTheAgentAndCompareWithThePreviousBuild(JenkinsRule j) throws Exception {
        DumbSlave agent = j.createOnlineSlave();
        WorkflowJob job = j.createProject(WorkflowJob.class, "data");
        job.setDefinition(new CpsFlowDefinition(
                "node('" + agent.getNodeName() + "') {\n"
                        + "  writeFile file: 'data/a.txt', text: \"build ${currentBuild.number}\"\n"
                        + "  writeFile file: 'data/b.txt', text: 'same'\n"
                        + "  def id = dataSnapshot path: 'data', name: 'persons'\n"
                        + "  echo \"snapshot=${id}\"\n"
                        + "}",
                true));

        WorkflowRun first = j.buildAndAssertSuccess(job);
        WorkflowRun second = j.buildAndAssertSuccess(job);

        SnapshotAction before = first.getAction(SnapshotAction.class);
        SnapshotAction after = second.getAction(SnapshotAction.class);
        assertThat(before.getFiles()).isEqualTo(2);
        assertThat(before.isCompared()).isFalse();
        j.assertLogContains("snapshot=" + before.getSnapshotId(), first);
        assertThat(after.getSnapshotId()).isNotEqualTo(before.getSnapshotId());
        assertThat(after.isCompared()).isTrue();
        assertThat(after.getModified()).isEqualTo(1);
        assertThat(after.getAdded()).isZero();
    }

    @Test
    void shouldFailWithOneLineForAPathOutsideTheWorkspace(JenkinsRule j) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "escape");
        job.setDefinition(new CpsFlowDefinition("node { dataSnapshot path: '../outside' }", true));

        WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, job);

        j.assertLogContains("dataSnapshot path: path '../outside' escapes", run);
        j.assertLogNotContains("\tat io.mlops", run);
    }
}
