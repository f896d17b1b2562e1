package io.mlops.jenkins.steps;

import hudson.Extension;
import hudson.Util;
import hudson.model.Computer;
import hudson.model.Item;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.ListBoxModel;
import io.mlops.jenkins.SecretTextChoices;
import java.io.Serial;
import java.util.Set;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code deployTo backend: 'onnxruntime', model: 'persons@staging', agent: 'gpu-1', canary: 10,
 * watch: 120}: ships a registered version to an inference agent, watches the canary, and records
 * the deployment (or the agent's rollback) in the registry and on the build.
 */
public final class DeployToStep extends Step {
    private final String backend;
    private final String model;
    private String agent;
    private String credentialsId;
    private String device;
    private int canary = 100;
    private int watch;

    /**
     * Creates the step.
     *
     * @param backend onnxruntime, tensorrt or openvino
     * @param model the registered version, MODEL@ALIAS or MODEL:VERSION
     */
    @DataBoundConstructor
    public DeployToStep(String backend, String model) {
        this.backend = backend;
        this.model = model;
    }

    /** @return the serving backend */
    public String getBackend() {
        return backend;
    }

    /** @return the version to deploy */
    public String getModel() {
        return model;
    }

    /** @return a configured agent's name, an agent URL, or null for the agent on this node */
    public String getAgent() {
        return agent;
    }

    /** @param agent a configured inference agent's name, or its URL; omitted: the agent on this node */
    @DataBoundSetter
    public void setAgent(String agent) {
        this.agent = Util.fixEmptyAndTrim(agent);
    }

    /** @return the secret text credential with the agent's admin token, or null */
    public String getCredentialsId() {
        return credentialsId;
    }

    /** @param credentialsId the secret text credential with the agent's admin token */
    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    /** @return the backend's device, or null */
    public String getDevice() {
        return device;
    }

    /** @param device the backend's device, e.g. cpu or cuda:0 */
    @DataBoundSetter
    public void setDevice(String device) {
        this.device = Util.fixEmptyAndTrim(device);
    }

    /** @return the new version's share of requests while watched, percent */
    public int getCanary() {
        return canary;
    }

    /** @param canary the new version's share of requests while watched, 1 to 100 percent */
    @DataBoundSetter
    public void setCanary(int canary) {
        this.canary = canary;
    }

    /** @return seconds the canary is watched */
    public int getWatch() {
        return watch;
    }

    /** @param watch seconds to watch the new version's error rate before calling it live */
    @DataBoundSetter
    public void setWatch(int watch) {
        this.watch = watch;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new Execution(this, context);
    }

    /** Deploys from the controller, which holds the model files and reaches the agent over HTTP. */
    static final class Execution extends SynchronousNonBlockingStepExecution<String> {
        @Serial
        private static final long serialVersionUID = 1L;

        private final transient DeployToStep step;

        Execution(DeployToStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected String run() throws Exception {
            return new ModelDeployment(
                            step,
                            getContext().get(Run.class),
                            getContext().get(Computer.class),
                            getContext().get(TaskListener.class))
                    .deploy();
        }
    }

    /** Declares the step to Pipeline. */
    @Extension
    @Symbol("deployTo")
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class);
        }

        @Override
        public String getFunctionName() {
            return "deployTo";
        }

        @Override
        public String getDisplayName() {
            return "Deploy a registered model to an inference agent";
        }

        /**
         * Lists the secret text credentials the job may use (Snippet Generator).
         *
         * @param item the job
         * @param credentialsId the current value
         * @return the choices
         */
        @POST
        public ListBoxModel doFillCredentialsIdItems(@AncestorInPath Item item, @QueryParameter String credentialsId) {
            return SecretTextChoices.of(item, credentialsId);
        }
    }
}
