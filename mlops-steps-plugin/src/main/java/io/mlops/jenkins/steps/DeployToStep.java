package io.mlops.jenkins.steps;

import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.util.ListBoxModel;
import io.mlops.jenkins.SecretTextChoices;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code deployTo backend: 'onnxruntime', model: 'persons@staging', agent: 'gpu-1', canary: 10,
 * watch: 120}: ships a registered version to an inference agent, watches the canary, and records
 * the deployment (or the agent's rollback) in the registry and on the build. {@code backend: 'auto'}
 * lets the agent's hardware report choose (TensorRT on an NVIDIA GPU, OpenVINO on Intel hardware,
 * ONNX Runtime otherwise); the build log says which and why, and the registry records the backend
 * chosen.
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
     * @param backend onnxruntime, tensorrt, openvino, or auto for the one the agent's hardware suits
     * @param model the registered version, MODEL@ALIAS or MODEL:VERSION
     */
    @DataBoundConstructor
    public DeployToStep(String backend, String model) {
        this.backend = backend;
        this.model = model;
    }

    /** @return the serving backend, or auto */
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
        // Deploys from the controller, which holds the model files and reaches the agent over HTTP.
        return new MlopsStepExecution<>(
                context,
                scope -> new ModelDeployment(this, scope.build(), scope.computer(), scope.listener()).deploy());
    }

    /** Declares the step to Pipeline. */
    @Extension
    @Symbol("deployTo")
    public static final class DescriptorImpl extends MlopsStepDescriptor {
        /** Names the step. */
        public DescriptorImpl() {
            super("deployTo", "Deploy a registered model to an inference agent", false);
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
