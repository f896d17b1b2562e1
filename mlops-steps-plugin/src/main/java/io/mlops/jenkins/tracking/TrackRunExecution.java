package io.mlops.jenkins.tracking;

import hudson.AbortException;
import hudson.console.ConsoleLogFilter;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.Secret;
import io.mlops.error.UserError;
import io.mlops.jenkins.MlopsStores;
import io.mlops.suite.SuiteStores;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.workflow.steps.BodyInvoker;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/** Creates the run, hands the body its environment, and ends the run with the body's outcome. */
final class TrackRunExecution extends StepExecution {
    private static final long serialVersionUID = 1L;

    private final transient TrackRunStep step;

    TrackRunExecution(TrackRunStep step, StepContext context) {
        super(context);
        this.step = step;
    }

    @Override
    public boolean start() throws Exception {
        Run<?, ?> build = getContext().get(Run.class);
        TaskListener listener = getContext().get(TaskListener.class);
        String root = Jenkins.get().getRootUrl();
        if (root == null) {
            throw new AbortException("trackRun needs the Jenkins URL (Manage Jenkins » System » Jenkins URL):"
                    + " the training process reaches the tracking API under it");
        }
        String runId;
        String scope = build.getExternalizableId();
        Secret token;
        try {
            SuiteStores stores = MlopsStores.get().current();
            runId = TrackedRuns.create(stores, step, build);
            // Kept in the store (hashed), so the training process keeps its access across a controller restart.
            token = Secret.fromString(stores.tokens().issue(scope));
        } catch (UserError e) {
            throw new AbortException(e.getMessage());
        }
        String uri = root + TrackingEndpoint.URL_NAME;
        build.addAction(new TrackRunAction(runId, step.getExperiment()));
        listener.getLogger()
                .println("[mlops] run " + runId + " in experiment " + step.getExperiment() + ", tracking API " + uri);
        getContext()
                .newBodyInvoker()
                .withContexts(
                        EnvironmentExpander.merge(
                                getContext().get(EnvironmentExpander.class),
                                new TrackingEnvironment(uri, runId, step.getExperiment(), token)),
                        BodyInvoker.mergeConsoleLogFilters(
                                getContext().get(ConsoleLogFilter.class), new TokenMask(token)))
                .withCallback(new RunEnding(runId, scope))
                .start();
        return false;
    }
}
