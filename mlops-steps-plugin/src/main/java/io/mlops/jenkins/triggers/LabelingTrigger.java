package io.mlops.jenkins.triggers;

import hudson.Extension;
import hudson.Util;
import hudson.model.CauseAction;
import hudson.model.Item;
import hudson.model.Job;
import hudson.triggers.Trigger;
import hudson.triggers.TriggerDescriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.mlops.error.UserError;
import io.mlops.registry.RegistryEvent;
import io.mlops.trigger.LabelingBaselines;
import io.mlops.trigger.RegistryCondition;
import jenkins.model.Jenkins;
import jenkins.model.ParameterizedJobMixIn;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Builds when labeling in a Label Studio or CVAT project progressed far enough: {@code newlyFinished}
 * tasks finished since this job's last such build, or every task finished ({@code all}).
 * {@code pipelineTriggers([labelingProgress(tool: 'label-studio', project: '7', newlyFinished: 50,
 * secretCredentialsId: 'labeling-webhook')])}. The tool's webhooks reach {@code
 * JENKINS_URL/mlops-labeling-webhook/<tool>?model=NAME} (verified with the secret in {@code
 * secretCredentialsId}), or an {@code mlops server} on the same store: either way they join the
 * registry's event stream, which {@link RegistryEventPoll} hands to this trigger like to {@link
 * RegistryTrigger}. The count since the last build is kept in the suite's store (mlops-core's {@link
 * LabelingBaselines}), so it survives a restart.
 */
public final class LabelingTrigger extends Trigger<Job<?, ?>> {
    private final String tool;
    private String project;
    private String model;
    private int newlyFinished;
    private boolean all;
    private String secretCredentialsId;

    /**
     * Creates the trigger.
     *
     * @param tool {@code label-studio} or {@code cvat}
     */
    @DataBoundConstructor
    public LabelingTrigger(String tool) {
        this.tool = tool;
    }

    /** @return the labeling tool */
    public String getTool() {
        return tool;
    }

    /** @return the tool's project id watched, or null for every project */
    public String getProject() {
        return project;
    }

    /** @param project the tool's project id; empty for every project of the tool */
    @DataBoundSetter
    public void setProject(String project) {
        this.project = Util.fixEmptyAndTrim(project);
    }

    /** @return the registered model whose labeling is watched, or null for all */
    public String getModel() {
        return model;
    }

    /** @param model the model named in the webhook URL ({@code ?model=}); empty for every model */
    @DataBoundSetter
    public void setModel(String model) {
        this.model = Util.fixEmptyAndTrim(model);
    }

    /** @return how many newly finished tasks start a build, 0 when only {@code all} does */
    public int getNewlyFinished() {
        return newlyFinished;
    }

    /** @param newlyFinished how many tasks finished since the last build start one */
    @DataBoundSetter
    public void setNewlyFinished(int newlyFinished) {
        this.newlyFinished = newlyFinished;
    }

    /** @return whether finishing every task of the project starts a build */
    public boolean isAll() {
        return all;
    }

    /** @param all whether finishing every task of the project starts a build */
    @DataBoundSetter
    public void setAll(boolean all) {
        this.all = all;
    }

    /** @return the secret text credential that the tool's webhooks carry (Label Studio) or sign with (CVAT) */
    public String getSecretCredentialsId() {
        return secretCredentialsId;
    }

    /** @param secretCredentialsId the secret text credential with the webhook secret */
    @DataBoundSetter
    public void setSecretCredentialsId(String secretCredentialsId) {
        this.secretCredentialsId = Util.fixEmptyAndTrim(secretCredentialsId);
    }

    /** @return the condition, as mlops-core decides it */
    RegistryCondition.LabelingDone condition() {
        return RegistryCondition.labeling(tool, project, newlyFinished, all);
    }

    /**
     * Starts the job's build when the progress is about the watched model and project and enough tasks
     * were finished since the last build.
     */
    void consider(RegistryEvent.LabelingProgressed progress, LabelingBaselines baselines) {
        if (job == null || (model != null && !model.equals(progress.model()))) {
            return;
        }
        String subscriber = "jenkins:" + Jenkins.get().getLegacyInstanceId() + ":" + job.getFullName();
        int since = baselines.baseline(subscriber, progress.tool(), progress.project());
        if (!baselines.reached(subscriber, condition(), progress)) {
            return;
        }
        String why = (progress.finishedTasks() - Math.min(since, progress.finishedTasks()))
                + " newly finished tasks in "
                + progress.tool() + " project " + progress.project() + " (" + progress.finishedTasks()
                + (progress.totalTasks() >= 0 ? " of " + progress.totalTasks() : "") + ") for " + progress.model();
        // At least once: the build is queued before the count moves, so a controller that stops between
        // the two queues it again when the event is handed on again.
        ParameterizedJobMixIn.scheduleBuild2(job, -1, new CauseAction(new MlopsCause(why)));
        baselines.built(subscriber, progress);
    }

    /** Form support. */
    @Extension
    @Symbol("labelingProgress")
    public static final class DescriptorImpl extends TriggerDescriptor {
        @Override
        public boolean isApplicable(Item item) {
            return item instanceof ParameterizedJobMixIn.ParameterizedJob;
        }

        @Override
        public String getDisplayName() {
            return "Build when labeling progresses in Label Studio or CVAT (MLOps)";
        }

        /**
         * The tools.
         *
         * @param item the job
         * @return the choices
         */
        @POST
        public ListBoxModel doFillToolItems(@AncestorInPath Item item) {
            TriggerForms.checkConfigure(item);
            ListBoxModel items = new ListBoxModel();
            items.add("Label Studio", "label-studio");
            items.add("CVAT", "cvat");
            return items;
        }

        /**
         * Checks that a count or {@code all} is given.
         *
         * @param item the job
         * @param tool the tool chosen
         * @param value the count typed
         * @param all whether all is ticked
         * @return ok, or what is wrong
         */
        @POST
        public FormValidation doCheckNewlyFinished(
                @AncestorInPath Item item,
                @QueryParameter String tool,
                @QueryParameter int value,
                @QueryParameter boolean all) {
            TriggerForms.checkConfigure(item);
            try {
                RegistryCondition.labeling(tool, null, value, all);
                return FormValidation.ok();
            } catch (UserError e) {
                return FormValidation.error(e.getMessage());
            }
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
