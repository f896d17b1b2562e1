package io.mlops.jenkins.steps;

import hudson.Extension;
import hudson.Util;
import java.io.Serializable;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code convertToOnnx framework: 'pytorch', model: 'runs/best.pt', output: 'model.onnx'}: converts
 * on the agent with the framework's own converter, proves the ONNX model answers as the source
 * did, and records the model card and the proof. Returns the output path.
 */
public final class ConvertToOnnxStep extends Step {
    private final String framework;
    private final String model;
    private final String output;
    private int opset;
    private String sampleInput;
    private String python;
    private String modelClass;
    private String tolerance;

    /**
     * Creates the step.
     *
     * @param framework sklearn, pytorch, tensorflow, xgboost or lightgbm
     * @param model the trained model in the workspace
     * @param output where to write the ONNX model in the workspace
     */
    @DataBoundConstructor
    public ConvertToOnnxStep(String framework, String model, String output) {
        this.framework = framework;
        this.model = model;
        this.output = output;
    }

    /** @return the framework */
    public String getFramework() {
        return framework;
    }

    /** @return the trained model's path */
    public String getModel() {
        return model;
    }

    /** @return the ONNX model's path */
    public String getOutput() {
        return output;
    }

    /** @return the target opset, 0 for the converter's newest that ONNX Runtime runs */
    public int getOpset() {
        return opset;
    }

    /** @param opset the target opset */
    @DataBoundSetter
    public void setOpset(int opset) {
        this.opset = opset;
    }

    /** @return the proof's input file, or null */
    public String getSampleInput() {
        return sampleInput;
    }

    /** @param sampleInput input for the proof (.npy, or .npz per input); required for pytorch */
    @DataBoundSetter
    public void setSampleInput(String sampleInput) {
        this.sampleInput = Util.fixEmptyAndTrim(sampleInput);
    }

    /** @return the Python to run the converter with, or null for the configured default */
    public String getPython() {
        return python;
    }

    /** @param python the Python of the environment with the framework, on the agent */
    @DataBoundSetter
    public void setPython(String python) {
        this.python = Util.fixEmptyAndTrim(python);
    }

    /** @return the pytorch model class for a state dict, or null */
    public String getModelClass() {
        return modelClass;
    }

    /** @param modelClass pytorch: MODULE:CLASS of the model for a state dict */
    @DataBoundSetter
    public void setModelClass(String modelClass) {
        this.modelClass = Util.fixEmptyAndTrim(modelClass);
    }

    /** @return the tolerance as ATOL:RTOL, or null for the default */
    public String getTolerance() {
        return tolerance;
    }

    /** @param tolerance every output's tolerance as ATOL:RTOL */
    @DataBoundSetter
    public void setTolerance(String tolerance) {
        this.tolerance = Util.fixEmptyAndTrim(tolerance);
    }

    @Override
    public StepExecution start(StepContext context) {
        // Converts on the agent, records the result on the build.
        return new MlopsStepExecution<>(
                context,
                scope -> new ModelConverter(this, scope.workspace(), scope.build(), scope.listener()).convert());
    }

    /**
     * The arguments as they travel to the agent.
     *
     * @param framework the framework
     * @param model the trained model
     * @param output the ONNX model
     * @param opset the opset, 0 for the default
     * @param sampleInput the proof's input, or null
     * @param python the Python executable
     * @param modelClass the pytorch model class, or null
     * @param tolerance ATOL:RTOL, or null
     */
    record Arguments(
            String framework,
            String model,
            String output,
            int opset,
            String sampleInput,
            String python,
            String modelClass,
            String tolerance)
            implements Serializable {}

    /** Declares the step to Pipeline. */
    @Extension
    @Symbol("convertToOnnx")
    public static final class DescriptorImpl extends MlopsStepDescriptor {
        /** Names the step. */
        public DescriptorImpl() {
            super("convertToOnnx", "Convert a model to ONNX, proven equal", true);
        }
    }
}
