package io.mlops.jenkins.triggers;

import hudson.Extension;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Job;
import hudson.triggers.Trigger;
import hudson.triggers.TriggerDescriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.mlops.error.UserError;
import io.mlops.registry.ModelRegistry;
import io.mlops.registry.RegistryEvent;
import io.mlops.trigger.RegistryCondition;
import jenkins.model.ParameterizedJobMixIn;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * Builds when the model registry changes: a new version, an alias moved, a new version better
 * than production on a metric or faster, or a monitoring alert fires (drift, or any alert).
 * {@code pipelineTriggers([registryEvent(model: 'persons', on: 'betterThan', metric: 'mAP50')])},
 * {@code registryEvent(model: 'persons', on: 'drift')} to retrain on drift. The conditions are mlops-core's {@link RegistryCondition}.
 */
public final class RegistryTrigger extends Trigger<Job<?, ?>> {
    private final String on;
    private String model;
    private String alias;
    private String metric;
    private String direction;

    /**
     * Creates the trigger.
     *
     * @param on newVersion, aliasMoved, betterThan, fasterThan, drift or alert
     */
    @DataBoundConstructor
    public RegistryTrigger(String on) {
        this.on = on;
    }

    /** @return the condition's kind */
    public String getOn() {
        return on;
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

    /** @return the alias, or null for production */
    public String getAlias() {
        return alias;
    }

    /** @param alias the alias that moves (aliasMoved) or is compared with (betterThan, fasterThan) */
    @DataBoundSetter
    public void setAlias(String alias) {
        this.alias = Util.fixEmptyAndTrim(alias);
    }

    /** @return the metric compared, or null */
    public String getMetric() {
        return metric;
    }

    /** @param metric the metric a new version must beat production on (betterThan) */
    @DataBoundSetter
    public void setMetric(String metric) {
        this.metric = Util.fixEmptyAndTrim(metric);
    }

    /** @return higher or lower, or null for higher */
    public String getDirection() {
        return direction;
    }

    /** @param direction which values of the metric are better: higher (default) or lower */
    @DataBoundSetter
    public void setDirection(String direction) {
        this.direction = Util.fixEmptyAndTrim(direction);
    }

    /** @return the condition, as mlops-core decides it */
    RegistryCondition condition() {
        return RegistryCondition.of(on, alias, metric, direction);
    }

    /** Starts the job's build when the event is about the watched model and meets the condition. */
    void consider(RegistryEvent event, ModelRegistry registry) {
        if (job == null || (model != null && !model.equals(event.model()))) {
            return;
        }
        if (condition().matches(event, registry)) {
            String why = on + " on " + event.model() + " by " + event.change().actor();
            ParameterizedJobMixIn.scheduleBuild2(job, -1, new hudson.model.CauseAction(new MlopsCause(why)));
        }
    }

    /** Form support. */
    @Extension
    @Symbol("registryEvent")
    public static final class DescriptorImpl extends TriggerDescriptor {
        @Override
        public boolean isApplicable(Item item) {
            return item instanceof ParameterizedJobMixIn.ParameterizedJob;
        }

        @Override
        public String getDisplayName() {
            return "Build on model registry events (MLOps)";
        }

        /**
         * The conditions.
         *
         * @param item the job
         * @return the choices
         */
        @POST
        public ListBoxModel doFillOnItems(@AncestorInPath Item item) {
            TriggerForms.checkConfigure(item);
            ListBoxModel items = new ListBoxModel();
            items.add("A new version is registered", "newVersion");
            items.add("An alias moves", "aliasMoved");
            items.add("A new version beats the alias on a metric", "betterThan");
            items.add("A new version is faster than the alias", "fasterThan");
            items.add("A drift alert fires on a deployment", "drift");
            items.add("Any alert fires on a deployment (drift, error rate, latency)", "alert");
            return items;
        }

        /**
         * Checks the metric against the condition.
         *
         * @param item the job
         * @param on the condition
         * @param value the metric typed
         * @param direction the direction typed
         * @return ok, or what is wrong
         */
        @POST
        public FormValidation doCheckMetric(
                @AncestorInPath Item item,
                @QueryParameter String on,
                @QueryParameter String value,
                @QueryParameter String direction) {
            TriggerForms.checkConfigure(item);
            try {
                RegistryCondition.of(on, null, value, direction);
                return FormValidation.ok();
            } catch (UserError e) {
                return FormValidation.error(e.getMessage());
            }
        }
    }
}
