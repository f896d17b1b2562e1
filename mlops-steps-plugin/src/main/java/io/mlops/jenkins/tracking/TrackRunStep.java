package io.mlops.jenkins.tracking;

import hudson.Extension;
import hudson.Util;
import io.mlops.jenkins.steps.MlopsStepDescriptor;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code trackRun(experiment: 'persons') { sh 'python train.py' }}: the body runs as an MLflow run
 * recorded by this Jenkins; MLflow calls in it (mlflow.start_run(), log_metric...) go to that run
 * through the tracking API the controller serves. Returns the run id.
 */
public final class TrackRunStep extends Step {
    private final String experiment;
    private String name;
    private List<String> snapshots = new ArrayList<>();

    /**
     * Creates the step.
     *
     * @param experiment the MLflow experiment (created if new)
     */
    @DataBoundConstructor
    public TrackRunStep(String experiment) {
        this.experiment = experiment;
    }

    /** @return the experiment */
    public String getExperiment() {
        return experiment;
    }

    /** @return the run's name, or null for the build's name */
    public String getName() {
        return name;
    }

    /** @param name the run's name */
    @DataBoundSetter
    public void setName(String name) {
        this.name = Util.fixEmptyAndTrim(name);
    }

    /** @return data snapshots the body reads */
    public List<String> getSnapshots() {
        return List.copyOf(snapshots);
    }

    /** @param snapshots ids or names of the data snapshots the body trains on, for lineage */
    @DataBoundSetter
    public void setSnapshots(List<String> snapshots) {
        this.snapshots = snapshots == null ? new ArrayList<>() : new ArrayList<>(snapshots);
    }

    @Override
    public StepExecution start(StepContext context) {
        return new TrackRunExecution(this, context);
    }

    /** Declares the block step to Pipeline. */
    @Extension
    @Symbol("trackRun")
    public static final class DescriptorImpl extends MlopsStepDescriptor {
        /** Names the step. */
        public DescriptorImpl() {
            super("trackRun", "Run the body as a tracked MLflow run", false);
        }

        @Override
        public boolean takesImplicitBlockArgument() {
            return true;
        }
    }
}
