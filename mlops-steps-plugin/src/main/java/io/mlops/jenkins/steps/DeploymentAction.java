package io.mlops.jenkins.steps;

import hudson.model.Action;
import io.mlops.deploy.DeploymentOutcome;

/**
 * A deployment a build made: where the version serves, or why the agent rolled it back. Kept as
 * plain values, since build.xml is written by XStream.
 */
public final class DeploymentAction implements Action {
    private final String model;
    private final int version;
    private final String backend;
    private final String node;
    private final String endpoint;
    private final boolean rolledBack;
    private final String reason;

    DeploymentAction(DeploymentOutcome outcome) {
        this.model = outcome.model();
        this.version = outcome.version();
        this.backend = outcome.backend();
        this.node = outcome.node();
        this.endpoint = outcome.endpoint();
        this.rolledBack = outcome.rolledBack();
        this.reason = outcome.reason();
    }

    /** @return the registered model */
    public String getModel() {
        return model;
    }

    /** @return the version deployed */
    public int getVersion() {
        return version;
    }

    /** @return the serving backend */
    public String getBackend() {
        return backend;
    }

    /** @return the agent's host */
    public String getNode() {
        return node;
    }

    /** @return where the model answers V2 requests */
    public String getEndpoint() {
        return endpoint;
    }

    /** @return whether the agent rolled the version back */
    public boolean isRolledBack() {
        return rolledBack;
    }

    /** @return why it was rolled back, or null */
    public String getReason() {
        return reason;
    }

    /** @return the summary's icon */
    public String getSummaryIcon() {
        return rolledBack
                ? "symbol-arrow-undo-outline plugin-ionicons-api"
                : "symbol-rocket-outline plugin-ionicons-api";
    }

    @Override
    public String getIconFileName() {
        return null; // shown as a summary on the build page only
    }

    @Override
    public String getDisplayName() {
        return "Deployment " + model + " v" + version + " on " + node;
    }

    @Override
    public String getUrlName() {
        return null;
    }
}
