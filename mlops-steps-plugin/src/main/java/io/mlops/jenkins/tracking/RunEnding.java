package io.mlops.jenkins.tracking;

import io.mlops.jenkins.MlopsStores;
import io.mlops.suite.SuiteStores;
import io.mlops.tracking.RunStatus;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.FlowInterruptedException;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Ends the run when the body ends: FINISHED, FAILED, or KILLED when the build was aborted; and
 * revokes the build's token, so nothing can write to the run afterwards.
 */
final class RunEnding extends BodyExecutionCallback {
    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(RunEnding.class.getName());

    private final String runId;
    private final String scope;

    RunEnding(String runId, String scope) {
        this.runId = runId;
        this.scope = scope;
    }

    @Override
    public void onSuccess(StepContext context, Object result) {
        end(RunStatus.FINISHED);
        context.onSuccess(runId);
    }

    @Override
    public void onFailure(StepContext context, Throwable failure) {
        end(failure instanceof FlowInterruptedException ? RunStatus.KILLED : RunStatus.FAILED);
        context.onFailure(failure);
    }

    private void end(RunStatus status) {
        try {
            SuiteStores stores = MlopsStores.get().current();
            stores.tokens().revoke(scope);
            stores.tracking().updateRun(runId, status, System.currentTimeMillis(), null);
        } catch (RuntimeException e) {
            // The body's own outcome decides the build; a store that is down must not hide it.
            LOGGER.log(Level.WARNING, "could not mark run " + runId + " " + status + " or revoke its token", e);
        }
    }
}
