package io.mlops.jenkins.steps;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.mlops.error.UserError;
import io.mlops.eval.EvaluationReport;
import io.mlops.eval.gate.BaselineGates;
import io.mlops.eval.gate.Gate;
import io.mlops.jenkins.ConsoleProgress;
import io.mlops.jenkins.MlopsStores;
import io.mlops.jenkins.StepFailures;
import io.mlops.registry.RegistryBaselineResolver;
import io.mlops.registry.DirectoryVersionFiles;
import io.mlops.registry.VersionFiles;
import io.mlops.suite.SuiteStores;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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
        List<Gate> gates;
        try {
            // Gates are parsed here first, so a typo fails before the agent spends time evaluating.
            gates = step.getGates().stream().map(Gate::parse).toList();
        } catch (UserError e) {
            throw StepFailures.explain(e);
        }
        Baseline baseline = baseline(gates);
        EvaluationReport report;
        try {
            EvaluateModelStep.Arguments arguments = new EvaluateModelStep.Arguments(
                    step.getModel(),
                    step.getData(),
                    step.getTask(),
                    baseline.gates().kept().stream().map(Gate::expression).toList(),
                    baseline.file(),
                    step.getPreprocess(),
                    step.getBatch(),
                    step.getDevice(),
                    step.getReport());
            report = workspace.act(new EvaluateOnAgent(arguments, new ConsoleProgress(listener)));
        } catch (IOException | UserError e) {
            throw StepFailures.explain(e);
        }
        EvaluationAction action =
                EvaluationAction.of(report, step.getBaseline(), baseline.gates().skipped());
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
            try (SuiteStores.Reference reference = MlopsStores.get().acquire()) {
                new VersionRegistrar(reference.stores(), run, listener)
                        .register(
                                step.getRegister(),
                                step.getAlias(),
                                workspace.child(step.getModel()),
                                report.metrics());
            }
        }
        return new LinkedHashMap<>(report.metrics());
    }

    /**
     * The baseline as the agent gets it. A workspace file is taken as it is; anything else is a registry
     * alias, whose model file is copied from the controller into the workspace for the agent. An alias
     * that does not exist yet (the model's first run: nothing has been promoted) is no error: the gates
     * that compare with it are skipped, and the log says which. Without a baseline ({@code baseline: ''})
     * a gate that compares with one is a contradiction in the Jenkinsfile and fails the step.
     */
    private Baseline baseline(List<Gate> gates) throws Exception {
        String reference = step.getBaseline();
        if (reference == null) {
            for (Gate gate : gates) {
                if (gate.onBaseline()) {
                    throw new AbortException(
                            "evaluateModel gate '" + gate.expression() + "' compares with the"
                                    + " baseline, but no baseline is given: name one (baseline: 'production') or drop the gate");
                }
            }
            return new Baseline(null, new BaselineGates(gates, List.of()));
        }
        if (workspace.child(reference).exists()) {
            return new Baseline(reference, new BaselineGates(gates, List.of()));
        }
        Optional<Path> file;
        try (SuiteStores.Reference stores = MlopsStores.get().acquire()) {
            // a baseline that is an MLflow model directory gives its ONNX file, kept with this build
            VersionFiles files = new DirectoryVersionFiles(
                    stores.stores().registry(),
                    stores.stores().blobs(),
                    VersionFiles.registeredFiles(),
                    run.getRootDir().toPath().resolve("mlops-baseline"));
            file = new RegistryBaselineResolver(stores.stores().registry(), step.getRegister(), files)
                    .findAlias(reference);
        } catch (UserError e) {
            throw StepFailures.explain(e);
        }
        if (file.isEmpty()) {
            BaselineGates split = BaselineGates.withoutBaseline(gates);
            listener.getLogger()
                    .println("[mlops] " + split.describe("the registry alias '" + reference + "' does not exist yet"));
            return new Baseline(null, split);
        }
        String relative = BASELINE_DIRECTORY + "/baseline-" + run.getNumber() + ".onnx";
        new FilePath(file.get().toFile()).copyTo(workspace.child(relative));
        listener.getLogger().println("[mlops] baseline " + reference + " is " + file.get());
        return new Baseline(relative, new BaselineGates(gates, List.of()));
    }

    /**
     * The baseline the agent compares with.
     *
     * @param file the model file in the workspace, or null for none
     * @param gates the gates to check and those skipped for want of a baseline
     */
    private record Baseline(String file, BaselineGates gates) {}
}
