package io.mlops.jenkins.gpu;

import hudson.Extension;
import hudson.model.Computer;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code withGpus(count: 1) { sh 'python train.py' }}: reserves GPUs of the current node for the
 * body, waiting in line when too few are free, and hands them to the body in
 * {@code CUDA_VISIBLE_DEVICES} and {@code NVIDIA_VISIBLE_DEVICES}.
 */
public final class WithGpusStep extends Step {
    private int count = 1;

    /** Creates the step for one GPU. */
    @DataBoundConstructor
    public WithGpusStep() {}

    /** @return how many GPUs the body gets */
    public int getCount() {
        return count;
    }

    /** @param count how many GPUs the body gets (at least 1, at most the node's number) */
    @DataBoundSetter
    public void setCount(int count) {
        this.count = count;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new WithGpusExecution(context, count);
    }

    /** Declares the block step to Pipeline. */
    @Extension
    @Symbol("withGpus")
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "withGpus";
        }

        @Override
        public String getDisplayName() {
            return "Reserve GPUs of this node for the body";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, Computer.class);
        }

        @Override
        public boolean takesImplicitBlockArgument() {
            return true;
        }
    }
}
