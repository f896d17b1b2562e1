package io.mlops.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.model.Result;
import hudson.slaves.DumbSlave;
import io.mlops.jenkins.tracking.TrackRunAction;
import io.mlops.tracking.Run;
import io.mlops.tracking.RunStatus;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * trackRun: the body on an agent gets the MLflow variables, reaches the controller's tracking API
 * with its build token (a real HTTP call from a python3 process), the token is masked in the log,
 * and the run ends with the body's outcome.
 */
@WithJenkins
class TrackRunStepTest {
    private static final String LOG_METRIC = "python3 - <<'EOF'\n"
            + "import json, os, urllib.request\n"
            + "body = json.dumps({'run_id': os.environ['MLFLOW_RUN_ID'], 'key': 'loss', 'value': 0.25,"
            + " 'timestamp': 1, 'step': 3}).encode()\n"
            + "request = urllib.request.Request(os.environ['MLFLOW_TRACKING_URI'] + '/api/2.0/mlflow/runs/log-metric',"
            + " data=body, method='POST', headers={'Content-Type': 'application/json',"
            + " 'Authorization': 'Bearer ' + os.environ['MLFLOW_TRACKING_TOKEN']})\n"
            + "print(urllib.request.urlopen(request).status)\n"
            + "print('token is ' + os.environ['MLFLOW_TRACKING_TOKEN'])\n"
            + "EOF\n";

    @Test
    void shouldTrackTheBodyAndMaskItsToken(JenkinsRule j) throws Exception {
        DumbSlave agent = j.createOnlineSlave();
        WorkflowJob job = j.createProject(WorkflowJob.class, "train");
        job.setDefinition(new CpsFlowDefinition(
                "node('" + agent.getNodeName() + "') {\n"
                        + "  def id = trackRun(experiment: 'persons') {\n"
                        + "    sh '''" + LOG_METRIC + "'''\n"
                        + "    sh 'echo experiment=$MLFLOW_EXPERIMENT_NAME'\n"
                        + "  }\n"
                        + "  echo \"run=${id}\"\n"
                        + "}",
                true));

        WorkflowRun build = j.buildAndAssertSuccess(job);

        TrackRunAction action = build.getAction(TrackRunAction.class);
        Run run = MlopsStores.get().current().tracking().run(action.getRunId());
        assertThat(run.info().status()).isEqualTo(RunStatus.FINISHED);
        assertThat(run.metric("loss"))
                .hasValueSatisfying(m -> assertThat(m.value()).isEqualTo(0.25));
        j.assertLogContains("run=" + action.getRunId(), build);
        j.assertLogContains("experiment=persons", build);
        j.assertLogContains("token is ****", build);
        assertThat(MlopsStores.get().current().tokens().live())
                .as("the build's token is revoked")
                .isZero();
    }

    @Test
    void shouldMarkTheRunFailedWhenTheBodyFails(JenkinsRule j) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "broken");
        job.setDefinition(
                new CpsFlowDefinition("node { trackRun(experiment: 'persons') { error 'training diverged' } }", true));

        WorkflowRun build = j.buildAndAssertStatus(Result.FAILURE, job);

        String runId = build.getAction(TrackRunAction.class).getRunId();
        assertThat(MlopsStores.get().current().tracking().run(runId).info().status())
                .isEqualTo(RunStatus.FAILED);
        j.assertLogContains("training diverged", build);
    }

    @Test
    void shouldRefuseTheApiWithoutALiveToken(JenkinsRule j) throws Exception {
        JenkinsRule.WebClient web = j.createWebClient();
        web.setThrowExceptionOnFailingStatusCode(false);

        int status = web.goTo("mlops-tracking/api/2.0/mlflow/experiments/get?experiment_id=0", "application/json")
                .getWebResponse()
                .getStatusCode();

        assertThat(status).isEqualTo(401);
    }
}
