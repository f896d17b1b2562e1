package io.mlops.jenkins.steps;

import hudson.FilePath;
import hudson.model.Computer;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * What a step's work gets from Pipeline: the build, its log, and (inside {@code node}) the workspace and
 * its computer. A missing required context is a clear failure, not a null handed on.
 */
public final class StepScope {
    private final StepContext context;

    StepScope(StepContext context) {
        this.context = context;
    }

    /**
     * The build the step runs in.
     *
     * @return the build
     * @throws IOException when Pipeline has none
     * @throws InterruptedException when the build is aborted
     */
    public Run<?, ?> build() throws IOException, InterruptedException {
        return require(Run.class, "a build");
    }

    /**
     * The build log.
     *
     * @return the listener
     * @throws IOException when Pipeline has none
     * @throws InterruptedException when the build is aborted
     */
    public TaskListener listener() throws IOException, InterruptedException {
        return require(TaskListener.class, "a build log");
    }

    /**
     * The workspace of the enclosing {@code node} block.
     *
     * @return the workspace
     * @throws IOException when the step runs outside {@code node}
     * @throws InterruptedException when the build is aborted
     */
    public FilePath workspace() throws IOException, InterruptedException {
        return require(FilePath.class, "a workspace (run it inside node)");
    }

    /**
     * The computer of the enclosing {@code node} block, if there is one.
     *
     * @return the computer, or null outside {@code node}
     * @throws IOException when Pipeline cannot tell
     * @throws InterruptedException when the build is aborted
     */
    public Computer computer() throws IOException, InterruptedException {
        return context.get(Computer.class);
    }

    private <T> T require(Class<T> type, String what) throws IOException, InterruptedException {
        T value = context.get(type);
        if (value == null) {
            throw new IOException("this step needs " + what);
        }
        return value;
    }
}
