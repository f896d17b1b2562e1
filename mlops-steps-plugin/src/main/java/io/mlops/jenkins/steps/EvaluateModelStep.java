package io.mlops.jenkins.steps;

import hudson.Extension;
import hudson.Util;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code evaluateModel model: 'model.onnx', data: 'coco:data/val', task: 'detection', gates: [...],
 * baseline: 'production', register: 'persons'}: evaluates on the agent, fails the build (or marks
 * it unstable) when a gate fails, and registers the model when every gate holds. Returns the
 * metrics by name.
 */
public final class EvaluateModelStep extends Step {
    private final String model;
    private final String data;
    private final String task;
    private List<String> gates = new ArrayList<>();
    private String baseline;
    private String register;
    private String alias;
    private String onGateFailure = "failure";
    private String preprocess;
    private int batch = 32;
    private String device = "cpu";
    private String report = "mlops-report";

    /**
     * Creates the step.
     *
     * @param model the ONNX model in the workspace
     * @param data the evaluation set, [FORMAT:]PATH[?key=value&amp;...]
     * @param task classification, regression or detection
     */
    @DataBoundConstructor
    public EvaluateModelStep(String model, String data, String task) {
        this.model = model;
        this.data = data;
        this.task = task;
    }

    /** @return the ONNX model */
    public String getModel() {
        return model;
    }

    /** @return the evaluation set */
    public String getData() {
        return data;
    }

    /** @return the task */
    public String getTask() {
        return task;
    }

    /** @return the gates */
    public List<String> getGates() {
        return List.copyOf(gates);
    }

    /** @param gates conditions such as 'mAP50 &gt;= 0.6' or 'mAP50 &gt;= baseline - 0.01' */
    @DataBoundSetter
    public void setGates(List<String> gates) {
        this.gates = gates == null ? new ArrayList<>() : new ArrayList<>(gates);
    }

    /** @return the baseline: a registry alias or a model file in the workspace, or null */
    public String getBaseline() {
        return baseline;
    }

    /** @param baseline a registry alias (production, persons@production) or a model file */
    @DataBoundSetter
    public void setBaseline(String baseline) {
        this.baseline = Util.fixEmptyAndTrim(baseline);
    }

    /** @return the registered model to add a version to when the gates hold, or null */
    public String getRegister() {
        return register;
    }

    /** @param register the registered model that gets a new version when every gate holds */
    @DataBoundSetter
    public void setRegister(String register) {
        this.register = Util.fixEmptyAndTrim(register);
    }

    /** @return the alias pointed at the registered version, or null */
    public String getAlias() {
        return alias;
    }

    /** @param alias with register: the alias to point at the new version, e.g. staging */
    @DataBoundSetter
    public void setAlias(String alias) {
        this.alias = Util.fixEmptyAndTrim(alias);
    }

    /** @return failure or unstable */
    public String getOnGateFailure() {
        return onGateFailure;
    }

    /** @param onGateFailure what a failed gate makes of the build: failure (default) or unstable */
    @DataBoundSetter
    public void setOnGateFailure(String onGateFailure) {
        this.onGateFailure = Util.fixEmptyAndTrim(onGateFailure) == null ? "failure" : onGateFailure.strip();
    }

    /** @return the preprocessing file, or null */
    public String getPreprocess() {
        return preprocess;
    }

    /** @param preprocess the preprocessing file (JSON or YAML) in the workspace */
    @DataBoundSetter
    public void setPreprocess(String preprocess) {
        this.preprocess = Util.fixEmptyAndTrim(preprocess);
    }

    /** @return samples per model run */
    public int getBatch() {
        return batch;
    }

    /** @param batch samples per model run */
    @DataBoundSetter
    public void setBatch(int batch) {
        this.batch = batch;
    }

    /** @return the ONNX Runtime device */
    public String getDevice() {
        return device;
    }

    /** @param device cpu, cuda or tensorrt */
    @DataBoundSetter
    public void setDevice(String device) {
        this.device = Util.fixEmptyAndTrim(device) == null ? "cpu" : device.strip();
    }

    /** @return the report directory in the workspace */
    public String getReport() {
        return report;
    }

    /** @param report where report.json, report.html and state.json go in the workspace */
    @DataBoundSetter
    public void setReport(String report) {
        this.report = Util.fixEmptyAndTrim(report) == null ? "mlops-report" : report.strip();
    }

    @Override
    public StepExecution start(StepContext context) {
        // Evaluates on the agent, then gates, records and registers on the controller.
        return new MlopsStepExecution<>(
                context,
                scope -> new ModelEvaluator(this, scope.workspace(), scope.build(), scope.listener()).evaluate());
    }

    /**
     * The arguments as they travel to the agent.
     *
     * @param model the ONNX model
     * @param data the evaluation set
     * @param task the task
     * @param gates the gates
     * @param baseline the baseline model file in the workspace, or null
     * @param preprocess the preprocessing file, or null
     * @param batch samples per run
     * @param device the ONNX Runtime device
     * @param reportDirectory the report directory
     */
    record Arguments(
            String model,
            String data,
            String task,
            List<String> gates,
            String baseline,
            String preprocess,
            int batch,
            String device,
            String reportDirectory)
            implements Serializable {}

    /** Declares the step to Pipeline. */
    @Extension
    @Symbol("evaluateModel")
    public static final class DescriptorImpl extends MlopsStepDescriptor {
        /** Names the step. */
        public DescriptorImpl() {
            super("evaluateModel", "Evaluate an ONNX model against gates", true);
        }
    }
}
