package io.mlops.jenkins.gpu;

import io.mlops.error.UserError;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.steps.BodyExecutionCallback;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/** Gives the GPUs back when the body ends, whether it succeeded, failed or was aborted. */
final class GpuRelease extends BodyExecutionCallback.TailCall {
    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(GpuRelease.class.getName());

    private final String holder;

    GpuRelease(String holder) {
        this.holder = holder;
    }

    @Override
    protected void finished(StepContext context) {
        try {
            ControllerGpus.get().allocations().release(holder);
        } catch (UserError e) {
            // Released in memory all the same; the body's own outcome decides the build.
            LOGGER.log(Level.WARNING, "could not record that " + holder + " gave its GPUs back: " + e.getMessage());
        }
    }
}
