package io.mlops.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import hudson.FilePath;
import hudson.model.Result;
import hudson.slaves.DumbSlave;
import io.mlops.jenkins.steps.EvaluationAction;
import io.mlops.jenkins.steps.GateOutcome;
import io.mlops.jenkins.steps.ModelVersionAction;
import io.mlops.onnx.TestModels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.htmlunit.WebResponse;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * evaluateModel on an agent: a two-class linear model that gets 2 of 3 rows right (accuracy 0.667)
 * fails a 0.9 gate, is only unstable when asked, and is registered when its gates hold.
 */
@WithJenkins
class EvaluateModelStepTest {
    private static final String TABLE = "writeFile file: 'table.csv', text: 'a,b,label\\n1,0,0\\n0,1,1\\n1,0,1\\n'\n";

    @TempDir
    Path tmp;

    @Test
    void shouldFailTheBuildWhenAGateFails(JenkinsRule j) throws Exception {
        WorkflowRun run = build(j, "gates: ['accuracy >= 0.9']", Result.FAILURE);

        j.assertLogContains("a gate failed", run);
        assertThat(run.getAction(EvaluationAction.class).isPassed()).isFalse();
    }

    @Test
    void shouldOnlyMarkTheBuildUnstableWhenAsked(JenkinsRule j) throws Exception {
        build(j, "gates: ['accuracy >= 0.9'], onGateFailure: 'unstable'", Result.UNSTABLE);
    }

    @Test
    void shouldRegisterTheModelWhenEveryGateHolds(JenkinsRule j) throws Exception {
        WorkflowRun run = build(j, "gates: ['accuracy >= 0.5'], register: 'persons'", Result.SUCCESS);

        ModelVersionAction version = run.getAction(ModelVersionAction.class);
        assertThat(version.getVersion()).isEqualTo(1);
        assertThat(MlopsStores.get().current().registry().version("persons", 1).metrics())
                .containsKey("accuracy");
    }

    @Test
    void shouldSkipTheBaselineGatesOnTheModelsFirstRunAndSaySo(JenkinsRule j) throws Exception {
        WorkflowRun run = build(
                j,
                "gates: ['accuracy >= 0.5', 'accuracy >= baseline - 0.01'], baseline: 'production',"
                        + " register: 'persons'",
                Result.SUCCESS);

        j.assertLogContains(
                "no baseline (the registry alias 'production' does not exist yet): skipped 1 gate that compares"
                        + " with it: 'accuracy >= baseline - 0.01'",
                run);
        EvaluationAction evaluation = run.getAction(EvaluationAction.class);
        assertThat(evaluation.getGates()).extracting(GateOutcome::getGate).containsExactly("accuracy >= 0.5");
        assertThat(evaluation.getGates().getFirst().getValue()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(evaluation.getSkippedGates()).containsExactly("accuracy >= baseline - 0.01");
        assertThat(run.getAction(ModelVersionAction.class).getVersion()).isEqualTo(1);
    }

    @Test
    void shouldRefuseABaselineGateWhenTheBaselineIsSwitchedOff(JenkinsRule j) throws Exception {
        WorkflowRun run = build(j, "gates: ['accuracy >= baseline'], baseline: ''", Result.FAILURE, false);

        j.assertLogContains("compares with the baseline, but no baseline is given", run);
    }

    @Test
    void shouldServeTheReportWithItsStylesheetUnderJenkinsContentSecurityPolicy(JenkinsRule j) throws Exception {
        WorkflowRun run = build(j, "gates: ['accuracy >= 0.5']", Result.SUCCESS);
        JenkinsRule.WebClient web = j.createWebClient();
        String report = run.getUrl() + run.getAction(EvaluationAction.class).getUrlName() + "/report/";

        WebResponse page = web.goTo(report + "report.html", null).getWebResponse();
        WebResponse css = web.goTo(report + "report.css", null).getWebResponse();

        // DirectoryBrowserSupport's default policy: inline CSS and scripts are blocked, 'self' stylesheets are not.
        assertThat(page.getResponseHeaderValue("Content-Security-Policy")).contains("style-src 'self'");
        assertThat(page.getContentAsString())
                .contains("<link rel=\"stylesheet\" href=\"report.css\">")
                .doesNotContain("<style", "style=", "<script");
        assertThat(css.getContentType()).isEqualTo("text/css");
        assertThat(css.getContentAsString()).contains(".pass{");
    }

    private WorkflowRun build(JenkinsRule j, String arguments, Result expected) throws Exception {
        return build(j, arguments, expected, true);
    }

    private WorkflowRun build(JenkinsRule j, String arguments, Result expected, boolean evaluated) throws Exception {
        DumbSlave agent = j.createOnlineSlave();
        WorkflowJob job = j.createProject(WorkflowJob.class);
        Path model = TestModels.linear(tmp.resolve("model.onnx"), 17, new float[] {1, 0, 0, 1}, 2, new float[] {0, 0});
        FilePath workspace = agent.getWorkspaceFor(job);
        workspace.mkdirs();
        workspace.child("model.onnx").copyFrom(new FilePath(model.toFile()));
        job.setDefinition(new CpsFlowDefinition(
                "node('" + agent.getNodeName() + "') {\n" + TABLE
                        + "  evaluateModel model: 'model.onnx', data: 'table.csv', task: 'classification', "
                        + arguments + "\n}",
                true));
        WorkflowRun run = j.buildAndAssertStatus(expected, job);
        assertThat(Files.exists(run.getRootDir().toPath().resolve("mlops-report/report.html")))
                .isEqualTo(evaluated);
        return run;
    }
}
