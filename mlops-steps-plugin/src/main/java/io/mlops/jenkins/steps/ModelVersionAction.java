package io.mlops.jenkins.steps;

import hudson.model.Action;

/**
 * A model version a build registered: the link from the build to the registry page (the registry
 * links back through the version's description and run).
 */
public final class ModelVersionAction implements Action {
    private final String model;
    private final int version;

    /**
     * Creates the link.
     *
     * @param model the registered model
     * @param version the version the build produced
     */
    public ModelVersionAction(String model, int version) {
        this.model = model;
        this.version = version;
    }

    /** @return the registered model */
    public String getModel() {
        return model;
    }

    /** @return the version number */
    public int getVersion() {
        return version;
    }

    @Override
    public String getIconFileName() {
        return "symbol-cube-outline plugin-ionicons-api";
    }

    @Override
    public String getDisplayName() {
        return "Model " + model + " v" + version;
    }

    @Override
    public String getUrlName() {
        // An absolute path from the Jenkins root: the registry page of this version.
        return "/model-registry/#/models/" + model + "/versions/" + version;
    }
}
