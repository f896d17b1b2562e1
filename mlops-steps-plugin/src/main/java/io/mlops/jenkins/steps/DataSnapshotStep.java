package io.mlops.jenkins.steps;

import hudson.Extension;
import hudson.Util;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code dataSnapshot path: 'data/', name: 'persons', labels: 'coco:data/ann.json'}: snapshots data
 * in the workspace (DVC 3 layout), records it, and returns its id. With {@code labelStudio: [url:,
 * project:, credentialsId:]} it first pulls that Label Studio project's annotations and images into the
 * path, then snapshots them with their labels.
 */
public final class DataSnapshotStep extends Step {
    private final String path;
    private String name;
    private String message;
    private String labels;
    private String images;
    private boolean strict;
    private boolean gitCommit;
    private double maxPsi = 0.2;
    private String remote;
    private LabelStudioProject labelStudio;

    /**
     * Creates the step.
     *
     * @param path the file or directory to snapshot, relative to the workspace
     */
    @DataBoundConstructor
    public DataSnapshotStep(String path) {
        this.path = path;
    }

    /** @return the data's path in the workspace */
    public String getPath() {
        return path;
    }

    /** @return the snapshot's name, or null */
    public String getName() {
        return name;
    }

    /** @param name a name to find the snapshot by */
    @DataBoundSetter
    public void setName(String name) {
        this.name = Util.fixEmptyAndTrim(name);
    }

    /** @return the note kept with the snapshot, or null */
    public String getMessage() {
        return message;
    }

    /** @param message a note kept with the snapshot */
    @DataBoundSetter
    public void setMessage(String message) {
        this.message = Util.fixEmptyAndTrim(message);
    }

    /** @return the labels as FORMAT:PATH, or null */
    public String getLabels() {
        return labels;
    }

    /** @param labels the data's labels as FORMAT:PATH, validated and described in a dataset card */
    @DataBoundSetter
    public void setLabels(String labels) {
        this.labels = Util.fixEmptyAndTrim(labels);
    }

    /** @return the images directory of the labels, or null */
    public String getImages() {
        return images;
    }

    /** @param images the directory image paths in the labels are relative to */
    @DataBoundSetter
    public void setImages(String images) {
        this.images = Util.fixEmptyAndTrim(images);
    }

    /** @return whether label warnings fail the step */
    public boolean isStrict() {
        return strict;
    }

    /** @param strict whether warnings in the labels stop the snapshot too */
    @DataBoundSetter
    public void setStrict(boolean strict) {
        this.strict = strict;
    }

    /** @return whether the .dvc pointer file is committed */
    public boolean isGitCommit() {
        return gitCommit;
    }

    /** @param gitCommit whether to commit the .dvc pointer file (never the data) to Git */
    @DataBoundSetter
    public void setGitCommit(boolean gitCommit) {
        this.gitCommit = gitCommit;
    }

    /** @return the label drift (PSI) above which the build is marked unstable */
    public double getMaxPsi() {
        return maxPsi;
    }

    /** @param maxPsi the label drift (PSI) against the previous build's snapshot that marks it unstable */
    @DataBoundSetter
    public void setMaxPsi(double maxPsi) {
        this.maxPsi = maxPsi;
    }

    /** @return the remote the snapshot is pushed to, or null for the configured default remote */
    public String getRemote() {
        return remote;
    }

    /**
     * @param remote s3://bucket/prefix or a directory to push the snapshot to (DVC's remote layout);
     *     empty for the default remote of the MLOps configuration
     */
    @DataBoundSetter
    public void setRemote(String remote) {
        this.remote = Util.fixEmptyAndTrim(remote);
    }

    /** @return the Label Studio project pulled into the path first, or null */
    public LabelStudioProject getLabelStudio() {
        return labelStudio;
    }

    /**
     * @param labelStudio a live Label Studio project whose annotated tasks and images are pulled into the
     *     path (replacing the previous pull there) and snapshotted with their labels
     */
    @DataBoundSetter
    public void setLabelStudio(LabelStudioProject labelStudio) {
        this.labelStudio = labelStudio;
    }

    @Override
    public StepExecution start(StepContext context) {
        // Captures on the agent, records on the controller.
        return new MlopsStepExecution<>(
                context,
                scope -> new SnapshotRecorder(this, scope.workspace(), scope.build(), scope.listener()).record());
    }

    /** Declares the step to Pipeline. */
    @Extension
    @Symbol("dataSnapshot")
    public static final class DescriptorImpl extends MlopsStepDescriptor {
        /** Names the step. */
        public DescriptorImpl() {
            super("dataSnapshot", "Snapshot data (DVC 3 layout) and record it", true);
        }
    }
}
