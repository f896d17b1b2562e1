package io.mlops.jenkins.steps;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.mlops.error.UserError;
import io.mlops.jenkins.ConsoleProgress;
import io.mlops.jenkins.StepFailures;
import io.mlops.jenkins.config.MlopsConfiguration;
import io.mlops.onnx.convert.ConversionResult;
import java.io.IOException;

/** The convertToOnnx step's work: converts on the agent, records the model card and proof on the build. */
final class ModelConverter {
    private final ConvertToOnnxStep step;
    private final FilePath workspace;
    private final Run<?, ?> run;
    private final TaskListener listener;

    ModelConverter(ConvertToOnnxStep step, FilePath workspace, Run<?, ?> run, TaskListener listener) {
        this.step = step;
        this.workspace = workspace;
        this.run = run;
        this.listener = listener;
    }

    String convert() throws Exception {
        if (step.getFramework() == null || step.getModel() == null || step.getOutput() == null) {
            throw new AbortException("convertToOnnx needs framework, model and output");
        }
        String defaultPython = MlopsConfiguration.get().getDefaultPython();
        ConvertToOnnxStep.Arguments arguments = new ConvertToOnnxStep.Arguments(
                step.getFramework(),
                step.getModel(),
                step.getOutput(),
                step.getOpset(),
                step.getSampleInput(),
                step.getPython() != null ? step.getPython() : defaultPython != null ? defaultPython : "python3",
                step.getModelClass(),
                step.getTolerance());
        ConversionResult result;
        try {
            result = workspace.act(new ConvertOnAgent(arguments, new ConsoleProgress(listener)));
        } catch (IOException | UserError e) {
            throw StepFailures.explain(e);
        }
        run.addAction(new ConversionAction(step.getOutput(), result));
        listener.getLogger().println(result.describe());
        return step.getOutput();
    }
}
