package io.mlops.jenkins.steps;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.mlops.error.UserError;
import io.mlops.eval.EvaluationReport;
import io.mlops.eval.gate.Gate;
import io.mlops.jenkins.ConsoleProgress;
import io.mlops.jenkins.MlopsStores;
import io.mlops.jenkins.StepFailures;
import io.mlops.registry.RegistryBaselineResolver;
import io.mlops.registry.VersionFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The evaluateModel step's work, on the controller around the agent's evaluation. */
final class ModelEvaluator {
    private static final String BASELINE_DIRECTORY = ".mlops";

    private final EvaluateModelStep step;
    private final FilePath workspace;
    private final Run<?, ?> run;
    private final TaskListener listener;

    ModelEvaluator(EvaluateModelStep step, FilePath workspace, Run<?, ?> run, TaskListener listener) {
        this.step = step;
        this.workspace = workspace;
        this.run = run;
        this.listener = listener;
    }

    Map<String, Double> evaluate() throws Exception {
        boolean unstable = switch (step.getOnGateFailure().toLowerCase(Locale.ROOT)) {
            case "failure" -> false;
            case "unstable" -> true;
            default ->
                throw new AbortException(
                        "evaluateModel onGateFailure must be failure or unstable, got " + step.getOnGateFailure());
        };
        if (step.getAlias() != null && step.getRegister() == null) {
            throw new AbortException("evaluateModel alias needs register: the model the alias belongs to");
        }
        EvaluationReport report;
        try {
            // Gates are parsed here first, so a typo fails before the agent spends time evaluating.
            step.getGates().forEach(Gate::parse);
            EvaluateModelStep.Arguments arguments = new EvaluateModelStep.Arguments(
                    step.getModel(),
                    step.getData(),
                    step.getTask(),
                    step.getGates(),
                    baselineInWorkspace(),
                    step.getPreprocess(),
                    step.getBatch(),
                    step.getDevice(),
                    step.getReport());
            report = workspace.act(new EvaluateOnAgent(arguments, new ConsoleProgress(listener)));
        } catch (IOException | UserError e) {
            throw StepFailures.explain(e);
        }
        EvaluationAction action = EvaluationAction.of(report, step.getBaseline());
        action.keepReport(workspace.child(step.getReport()), run);
        run.addAction(action);
        listener.getLogger().println(report.describe());
        if (!report.passed()) {
            String verdict = report.verdict().describe();
            if (unstable) {
                listener.getLogger().println("[mlops] a gate failed: build marked unstable\n" + verdict);
                run.setResult(Result.UNSTABLE);
            } else {
                throw new AbortException("a gate failed:\n" + verdict);
            }
        } else if (step.getRegister() != null) {
            new VersionRegistrar(MlopsStores.get().current(), run, listener)
                    .register(step.getRegister(), step.getAlias(), workspace.child(step.getModel()), report.metrics());
        }
        return new LinkedHashMap<>(report.metrics());
    }

    /**
     * A baseline that is a workspace file is taken as it is; anything else is a registry alias,
     * whose model file is copied from the controller into the workspace for the agent.
     */
    private String baselineInWorkspace() throws IOException, InterruptedException {
        String baseline = step.getBaseline();
        if (baseline == null || workspace.child(baseline).exists()) {
            return baseline;
        }
        MlopsStores.Open stores = MlopsStores.get().current();
        Path file = new RegistryBaselineResolver(stores.registry(), step.getRegister(), VersionFiles.registeredFiles())
                .resolveAlias(baseline);
        String relative = BASELINE_DIRECTORY + "/baseline-" + run.getNumber() + ".onnx";
        new FilePath(file.toFile()).copyTo(workspace.child(relative));
        listener.getLogger().println("[mlops] baseline " + baseline + " is " + file);
        return relative;
    }
}
