package io.mlops.jenkins.steps;

import java.io.Serial;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Runs a step's work off the CPS thread, as the build's authentication, with its {@link StepScope}: the
 * one execution every non-block MLOps step uses, so a step class only says what its work is.
 *
 * @param <T> what the step returns to the Pipeline script
 */
public final class MlopsStepExecution<T> extends SynchronousNonBlockingStepExecution<T> {
    @Serial
    private static final long serialVersionUID = 1L;

    // Like every SynchronousNonBlockingStepExecution, not resumed after a controller restart: the work
    // is not kept, and Pipeline fails the step.
    private final transient Work<T> work;

    /**
     * Creates the execution.
     *
     * @param context the step's context
     * @param work what the step does
     */
    public MlopsStepExecution(StepContext context, Work<T> work) {
        super(context);
        this.work = work;
    }

    @Override
    protected T run() throws Exception {
        return work.run(new StepScope(getContext()));
    }

    /**
     * A step's work.
     *
     * @param <T> what it returns
     */
    @FunctionalInterface
    public interface Work<T> {
        /**
         * Does the work.
         *
         * @param scope the build, log and workspace
         * @return the step's result
         * @throws Exception a failure; a user's mistake as an AbortException
         */
        T run(StepScope scope) throws Exception;
    }
}
