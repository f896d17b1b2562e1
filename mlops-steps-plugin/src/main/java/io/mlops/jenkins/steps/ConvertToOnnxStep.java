package io.mlops.jenkins.steps;

import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.mlops.error.UserError;
import io.mlops.jenkins.ConsoleProgress;
import io.mlops.jenkins.StepFailures;
import io.mlops.jenkins.config.MlopsConfiguration;
import io.mlops.onnx.convert.ConversionResult;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
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
        return new Execution(this, context);
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

    /** Converts on the agent, records the result on the build. */
    static final class Execution extends SynchronousNonBlockingStepExecution<String> {
        @Serial
        private static final long serialVersionUID = 1L;

        private final transient ConvertToOnnxStep step;

        Execution(ConvertToOnnxStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected String run() throws Exception {
            if (step.framework == null || step.model == null || step.output == null) {
                throw new AbortException("convertToOnnx needs framework, model and output");
            }
            FilePath workspace = getContext().get(FilePath.class);
            TaskListener listener = getContext().get(TaskListener.class);
            String defaultPython = MlopsConfiguration.get().getDefaultPython();
            Arguments arguments = new Arguments(
                    step.framework,
                    step.model,
                    step.output,
                    step.opset,
                    step.sampleInput,
                    step.python != null ? step.python : defaultPython != null ? defaultPython : "python3",
                    step.modelClass,
                    step.tolerance);
            ConversionResult result;
            try {
                result = workspace.act(new ConvertOnAgent(arguments, new ConsoleProgress(listener)));
            } catch (IOException | UserError e) {
                throw StepFailures.explain(e);
            }
            getContext().get(Run.class).addAction(new ConversionAction(step.output, result));
            listener.getLogger().println(result.describe());
            return step.output;
        }
    }

    /** Declares the step to Pipeline. */
    @Extension
    @Symbol("convertToOnnx")
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(FilePath.class, Run.class, TaskListener.class);
        }

        @Override
        public String getFunctionName() {
            return "convertToOnnx";
        }

        @Override
        public String getDisplayName() {
            return "Convert a model to ONNX, proven equal";
        }
    }
}
