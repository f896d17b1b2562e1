package io.mlops.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import hudson.model.Result;
import hudson.slaves.DumbSlave;
import io.mlops.jenkins.steps.ConversionAction;
import java.util.concurrent.TimeUnit;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * convertToOnnx on an agent with a real scikit-learn model and skl2onnx. Needs a Python with
 * scikit-learn and skl2onnx: $MLOPS_TEST_PYTHON (the suite's .venv/bin/python), else python3.
 */
@WithJenkins
class ConvertToOnnxStepTest {
    private static final String PYTHON = System.getenv().getOrDefault("MLOPS_TEST_PYTHON", "python3");
    private static final String TRAIN = "import pickle\n"
            + "from sklearn.linear_model import LogisticRegression\n"
            + "model = LogisticRegression().fit([[0.0, 1.0], [1.0, 0.0], [0.9, 0.2], [0.1, 0.8]], [0, 1, 1, 0])\n"
            + "pickle.dump(model, open('model.pkl', 'wb'))\n";

    @Test
    void shouldConvertOnTheAgentAndRecordTheCardAndProof(JenkinsRule j) throws Exception {
        assumeTrue(hasConverters(), PYTHON + " lacks scikit-learn or skl2onnx");
        DumbSlave agent = j.createOnlineSlave();
        WorkflowJob job = j.createProject(WorkflowJob.class, "convert");
        job.setDefinition(new CpsFlowDefinition(
                "node('" + agent.getNodeName() + "') {\n"
                        + "  writeFile file: 'train.py', text: '''" + TRAIN + "'''\n"
                        + "  sh '" + PYTHON + " train.py'\n"
                        + "  convertToOnnx framework: 'sklearn', model: 'model.pkl', output: 'model.onnx', python: '"
                        + PYTHON + "'\n"
                        + "}",
                true));

        WorkflowRun run = j.buildAndAssertSuccess(job);

        ConversionAction action = run.getAction(ConversionAction.class);
        assertThat(action.getSha256()).hasSize(64);
        // The build keeps the proof and the card as values, not sentences.
        assertThat(action.getProof()).isNotEmpty().allSatisfy(line -> {
            assertThat(line.isEqual()).isTrue();
            assertThat(line.getElements()).isPositive();
            assertThat(line.getAbsoluteTolerance()).isPositive();
        });
        assertThat(action.getOpsets()).containsKey("ai.onnx");
        assertThat(action.getInputs())
                .isNotEmpty()
                .allSatisfy(input -> assertThat(input.getDims()).isNotEmpty());
        assertThat(agent.getWorkspaceFor(job).child("model.onnx").exists()).isTrue();
    }

    @Test
    void shouldNameAMissingFrameworkPackage(JenkinsRule j) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "unknown");
        job.setDefinition(new CpsFlowDefinition(
                "node { convertToOnnx framework: 'caffe', model: 'm.bin', output: 'm.onnx' }", true));

        WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, job);

        j.assertLogContains("caffe", run);
        j.assertLogNotContains("\tat io.mlops", run);
    }

    private static boolean hasConverters() throws InterruptedException {
        try {
            Process check = new ProcessBuilder(PYTHON, "-c", "import sklearn, skl2onnx").start();
            return check.waitFor(60, TimeUnit.SECONDS) && check.exitValue() == 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
