package io.mlops.jenkins.triggers;

import hudson.Extension;
import hudson.Util;
import hudson.model.CauseAction;
import hudson.model.Item;
import hudson.model.Job;
import hudson.triggers.Trigger;
import hudson.triggers.TriggerDescriptor;
import hudson.util.ListBoxModel;
import io.mlops.trigger.MlflowWebhookEvent;
import java.util.ArrayList;
import java.util.List;
import jenkins.model.ParameterizedJobMixIn;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Builds when an MLflow server (for teams that keep MLflow) sends a webhook: the delivery to
 * {@code JENKINS_URL/mlops-mlflow-webhook/} must carry MLflow's HMAC signature made with the
 * secret in {@code secretCredentialsId}. {@code pipelineTriggers([mlflowWebhook(secretCredentialsId:
 * 'mlflow-webhook', events: ['model_version_alias.created'], model: 'persons')])}.
 */
public final class MlflowWebhookTrigger extends Trigger<Job<?, ?>> {
    private final String secretCredentialsId;
    private List<String> events = new ArrayList<>(List.of("model_version.created"));
    private String model;

    /**
     * Creates the trigger.
     *
     * @param secretCredentialsId the secret text credential holding the webhook's secret
     */
    @DataBoundConstructor
    public MlflowWebhookTrigger(String secretCredentialsId) {
        this.secretCredentialsId = secretCredentialsId;
    }

    /** @return the secret text credential with the webhook secret */
    public String getSecretCredentialsId() {
        return secretCredentialsId;
    }

    /** @return the MLflow event types that start a build */
    public List<String> getEvents() {
        return List.copyOf(events);
    }

    /** @param events MLflow event types, e.g. model_version.created, model_version_alias.created */
    @DataBoundSetter
    public void setEvents(List<String> events) {
        this.events = events == null ? new ArrayList<>() : new ArrayList<>(events);
    }

    /** @return the registered model watched, or null for all */
    public String getModel() {
        return model;
    }

    /** @param model the registered model to watch; empty for every model */
    @DataBoundSetter
    public void setModel(String model) {
        this.model = Util.fixEmptyAndTrim(model);
    }

    /**
     * Starts a build when the verified event is one this job waits for.
     *
     * @param event the delivery's event, signature already verified
     * @return whether a build was scheduled
     */
    boolean accept(MlflowWebhookEvent event) {
        if (job == null || !events.contains(event.type()) || (model != null && !model.equals(event.model()))) {
            return false;
        }
        String why = "MLflow " + event.type() + " of " + event.model();
        return ParameterizedJobMixIn.scheduleBuild2(job, -1, new CauseAction(new MlopsCause(why))) != null;
    }

    /** Form support. */
    @Extension
    @Symbol("mlflowWebhook")
    public static final class DescriptorImpl extends TriggerDescriptor {
        @Override
        public boolean isApplicable(Item item) {
            return item instanceof ParameterizedJobMixIn.ParameterizedJob;
        }

        @Override
        public String getDisplayName() {
            return "Build on MLflow webhooks (MLOps)";
        }

        /**
         * Lists the secret text credentials for the webhook secret.
         *
         * @param item the job
         * @param secretCredentialsId the current value
         * @return the choices
         */
        @POST
        public ListBoxModel doFillSecretCredentialsIdItems(
                @AncestorInPath Item item, @QueryParameter String secretCredentialsId) {
            return io.mlops.jenkins.SecretTextChoices.of(item, secretCredentialsId);
        }
    }
}
