package io.mlops.jenkins;

import hudson.model.Result;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * deployTo's own checks, before any inference agent is contacted. A deployment to a running
 * inference agent is not tested here (it needs the inference-agent process next to Jenkins).
 */
@WithJenkins
class DeployToStepTest {
    @Test
    void shouldNameAnAgentThatIsNeitherConfiguredNorAUrl(JenkinsRule j) throws Exception {
        WorkflowRun run = build(j, "deployTo backend: 'onnxruntime', model: 'persons@staging', agent: 'gpu-9'");

        j.assertLogContains("agent 'gpu-9' is neither a configured inference agent", run);
    }

    @Test
    void shouldAskForTheAgentsTokenCredential(JenkinsRule j) throws Exception {
        WorkflowRun run =
                build(j, "deployTo backend: 'onnxruntime', model: 'persons@staging', agent: 'http://localhost:1'");

        j.assertLogContains("deployTo needs credentialsId", run);
    }

    @Test
    void shouldNameAnUnknownCredential(JenkinsRule j) throws Exception {
        WorkflowRun run = build(
                j,
                "deployTo backend: 'onnxruntime', model: 'persons@staging', agent: 'http://localhost:1',"
                        + " credentialsId: 'nope'");

        j.assertLogContains("no secret text credential 'nope'", run);
    }

    private static WorkflowRun build(JenkinsRule j, String step) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class);
        job.setDefinition(new CpsFlowDefinition("node { " + step + " }", true));
        return j.buildAndAssertStatus(Result.FAILURE, job);
    }
}
