package io.mlops.jenkins.steps;

import hudson.FilePath;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;

/**
 * The descriptor scaffolding of the MLOps steps: function name, display name and required context in
 * one constructor call, so a step's {@code DescriptorImpl} is a line plus its form methods.
 */
public abstract class MlopsStepDescriptor extends StepDescriptor {
    private final String functionName;
    private final String displayName;
    private final boolean needsWorkspace;

    /**
     * Creates the descriptor.
     *
     * @param functionName the Pipeline function, same as the class's {@code @Symbol}
     * @param displayName the name in the Snippet Generator
     * @param needsWorkspace whether the step runs inside {@code node} (on the workspace)
     */
    protected MlopsStepDescriptor(String functionName, String displayName, boolean needsWorkspace) {
        this.functionName = functionName;
        this.displayName = displayName;
        this.needsWorkspace = needsWorkspace;
    }

    @Override
    public final Set<? extends Class<?>> getRequiredContext() {
        return needsWorkspace
                ? Set.of(FilePath.class, Run.class, TaskListener.class)
                : Set.of(Run.class, TaskListener.class);
    }

    @Override
    public final String getFunctionName() {
        return functionName;
    }

    @Override
    public final String getDisplayName() {
        return displayName;
    }
}
