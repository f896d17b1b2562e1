package io.mlops.jenkins.steps;

import hudson.model.Action;
import io.mlops.deploy.DeploymentOutcome;

/** A deployment a build made: where the version serves, or why the agent rolled it back. */
public final class DeploymentAction implements Action {
    private final DeploymentOutcome outcome;

    DeploymentAction(DeploymentOutcome outcome) {
        this.outcome = outcome;
    }

    /** @return the outcome: model, version, backend, node, endpoint, rollback and reason */
    public DeploymentOutcome getOutcome() {
        return outcome;
    }

    /** @return the summary's icon */
    public String getSummaryIcon() {
        return outcome.rolledBack()
                ? "symbol-arrow-undo-outline plugin-ionicons-api"
                : "symbol-rocket-outline plugin-ionicons-api";
    }

    @Override
    public String getIconFileName() {
        return null; // shown as a summary on the build page only
    }

    @Override
    public String getDisplayName() {
        return "Deployment " + outcome.model() + " v" + outcome.version() + " on " + outcome.node();
    }

    @Override
    public String getUrlName() {
        return null;
    }
}
