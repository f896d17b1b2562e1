package io.mlops.jenkins.steps;

import hudson.FilePath;
import hudson.model.Action;
import hudson.model.DirectoryBrowserSupport;
import hudson.model.Run;
import io.mlops.eval.EvaluationReport;
import io.mlops.eval.gate.Gate;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jenkins.model.RunAction2;
import jenkins.tasks.SimpleBuildStep;

/**
 * An evaluation a build ran: metrics, the gates' outcome and the HTML report, kept in the build
 * directory. Its metrics feed the trend chart on the job page.
 */
public final class EvaluationAction implements RunAction2, SimpleBuildStep.LastBuildAction {
    private static final String REPORT_DIRECTORY = "mlops-report";

    private final String model;
    private final String data;
    private final String task;
    private final long samples;
    private final Map<String, Double> metrics;
    private final Map<String, Double> baselineMetrics;
    private final String baseline;
    private final ArrayList<GateOutcome> gates = new ArrayList<>();
    private final ArrayList<String> skippedGates = new ArrayList<>();
    private final boolean passed;
    private transient Run<?, ?> run;

    private EvaluationAction(EvaluationReport report, String baseline, List<Gate> skipped) {
        this.model = report.model();
        this.data = report.data();
        this.task = report.task().name().toLowerCase(Locale.ROOT);
        this.samples = report.samples();
        this.metrics = new LinkedHashMap<>(report.metrics());
        this.baselineMetrics = report.baselineMetrics() == null ? null : new LinkedHashMap<>(report.baselineMetrics());
        this.baseline = baseline;
        report.verdict().results().forEach(result -> gates.add(GateOutcome.of(result)));
        skipped.forEach(gate -> skippedGates.add(gate.expression()));
        this.passed = report.passed();
    }

    static EvaluationAction of(EvaluationReport report, String baseline, List<Gate> skipped) {
        return new EvaluationAction(report, baseline, skipped);
    }

    /** Copies the report files from the workspace into the build, so they outlive the workspace. */
    void keepReport(FilePath reportDirectory, Run<?, ?> build) throws IOException, InterruptedException {
        reportDirectory.copyRecursiveTo(new FilePath(new File(build.getRootDir(), REPORT_DIRECTORY)));
    }

    /**
     * Serves the report files under {@code report/}, with Jenkins' content security policy; a web method
     * like core's {@code Run#doArtifact}, so the rest of the URL names the file.
     *
     * @return the directory browser over the kept report
     */
    public DirectoryBrowserSupport doReport() {
        return new DirectoryBrowserSupport(
                this, new FilePath(new File(run.getRootDir(), REPORT_DIRECTORY)), "Evaluation report", null, false);
    }

    /** @return the evaluated model */
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

    /** @return samples in the metrics */
    public long getSamples() {
        return samples;
    }

    /** @return every metric by name */
    public Map<String, Double> getMetrics() {
        return Map.copyOf(metrics);
    }

    /** @return the baseline's metrics, or null */
    public Map<String, Double> getBaselineMetrics() {
        return baselineMetrics == null ? null : Map.copyOf(baselineMetrics);
    }

    /** @return the baseline as given (an alias that did not exist yet included), or null */
    public String getBaseline() {
        return baseline;
    }

    /** @return each gate's outcome, in the order given */
    public List<GateOutcome> getGates() {
        return List.copyOf(gates);
    }

    /** @return the gates that compare with the baseline, skipped because there was none yet */
    public List<String> getSkippedGates() {
        return List.copyOf(skippedGates);
    }

    /** @return whether every gate held */
    public boolean isPassed() {
        return passed;
    }

    /** @return the build */
    public Run<?, ?> getRun() {
        return run;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public Collection<? extends Action> getProjectActions() {
        return List.of(new EvaluationTrendAction(run.getParent()));
    }

    @Override
    public String getIconFileName() {
        return passed
                ? "symbol-checkmark-circle-outline plugin-ionicons-api"
                : "symbol-close-circle-outline plugin-ionicons-api";
    }

    @Override
    public String getDisplayName() {
        return "Model evaluation";
    }

    @Override
    public String getUrlName() {
        return "mlops-evaluation";
    }
}
