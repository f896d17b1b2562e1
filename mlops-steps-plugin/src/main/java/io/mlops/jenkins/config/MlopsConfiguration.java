package io.mlops.jenkins.config;

import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.mlops.error.UserError;
import io.mlops.hardware.HardwareLabels;
import io.mlops.objectstore.S3Settings;
import io.mlops.objectstore.StorageLocation;
import io.mlops.store.StoreUrl;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * Manage Jenkins » System » MLOps: where metadata and artifacts live, the Python converters run
 * with, and the inference agents models are deployed to. Configuration as Code: {@code
 * unclassified: mlops: ...}.
 */
@Extension
@Symbol("mlops")
public class MlopsConfiguration extends GlobalConfiguration {
    private String storeUrl;
    private String storeCredentialsId;
    private String artifactsDirectory;
    private String defaultPython;
    private String s3EndpointUrl;
    private String s3Region;
    private boolean s3PathStyle = true;
    private String s3CredentialsId;
    private String defaultRemote;
    private List<InferenceAgent> agents = new ArrayList<>();
    // stored as "off" so that a configuration saved before hardware labels existed reads as on
    private boolean hardwareLabelsOff;
    private String hardwareLabelPrefix;

    /** Loads the saved configuration. */
    public MlopsConfiguration() {
        load();
    }

    /**
     * The configuration of this Jenkins.
     *
     * @return the singleton extension
     */
    public static MlopsConfiguration get() {
        return ExtensionList.lookupSingleton(MlopsConfiguration.class);
    }

    /** @return the PostgreSQL URL, or null for the embedded SQLite file under JENKINS_HOME */
    public String getStoreUrl() {
        return storeUrl;
    }

    /** @param storeUrl a {@code postgresql://host/db} URL; blank for the embedded SQLite store */
    @DataBoundSetter
    public void setStoreUrl(String storeUrl) {
        this.storeUrl = Util.fixEmptyAndTrim(storeUrl);
        save();
    }

    /** @return the username/password credential for PostgreSQL, or null */
    public String getStoreCredentialsId() {
        return storeCredentialsId;
    }

    /** @param storeCredentialsId the username/password credential for PostgreSQL */
    @DataBoundSetter
    public void setStoreCredentialsId(String storeCredentialsId) {
        this.storeCredentialsId = Util.fixEmptyAndTrim(storeCredentialsId);
        save();
    }

    /** @return where artifact bytes go (a directory or s3://bucket/prefix), or null for JENKINS_HOME/mlops/artifacts */
    public String getArtifactsDirectory() {
        return artifactsDirectory;
    }

    /** @param artifactsDirectory a directory on the controller or s3://bucket/prefix for the blob store */
    @DataBoundSetter
    public void setArtifactsDirectory(String artifactsDirectory) {
        this.artifactsDirectory = Util.fixEmptyAndTrim(artifactsDirectory);
        save();
    }

    /** @return the Python converters run with when a step names none, or null for python3 */
    public String getDefaultPython() {
        return defaultPython;
    }

    /** @param defaultPython the Python of the environment with the training frameworks, on the agents */
    @DataBoundSetter
    public void setDefaultPython(String defaultPython) {
        this.defaultPython = Util.fixEmptyAndTrim(defaultPython);
        save();
    }

    /** @return the S3 endpoint URL (MinIO, Ceph, ...), or null for AWS */
    public String getS3EndpointUrl() {
        return s3EndpointUrl;
    }

    /** @param s3EndpointUrl an http(s) URL of an S3-compatible server; blank for AWS */
    @DataBoundSetter
    public void setS3EndpointUrl(String s3EndpointUrl) {
        this.s3EndpointUrl = Util.fixEmptyAndTrim(s3EndpointUrl);
        save();
    }

    /** @return the S3 region, or null for the AWS default chain's */
    public String getS3Region() {
        return s3Region;
    }

    /** @param s3Region the region, e.g. eu-west-1; blank for the default chain's (else us-east-1) */
    @DataBoundSetter
    public void setS3Region(String s3Region) {
        this.s3Region = Util.fixEmptyAndTrim(s3Region);
        save();
    }

    /** @return whether buckets are addressed by path (http://host/bucket/key) */
    public boolean isS3PathStyle() {
        return s3PathStyle;
    }

    /** @param s3PathStyle path-style addressing, which MinIO, Ceph and most S3-compatible servers need */
    @DataBoundSetter
    public void setS3PathStyle(boolean s3PathStyle) {
        this.s3PathStyle = s3PathStyle;
        save();
    }

    /** @return the username/password credential holding the access key id and secret, or null */
    public String getS3CredentialsId() {
        return s3CredentialsId;
    }

    /** @param s3CredentialsId a username/password credential: access key id as user, secret as password */
    @DataBoundSetter
    public void setS3CredentialsId(String s3CredentialsId) {
        this.s3CredentialsId = Util.fixEmptyAndTrim(s3CredentialsId);
        save();
    }

    /** @return the remote dataSnapshot pushes to when the step names none, or null for none */
    public String getDefaultRemote() {
        return defaultRemote;
    }

    /** @param defaultRemote s3://bucket/prefix or a directory shared by the agents; blank for none */
    @DataBoundSetter
    public void setDefaultRemote(String defaultRemote) {
        this.defaultRemote = Util.fixEmptyAndTrim(defaultRemote);
        save();
    }

    /** @return the inference agents */
    public List<InferenceAgent> getAgents() {
        return List.copyOf(agents);
    }

    /** @param agents the inference agents deployTo may name */
    @DataBoundSetter
    public void setAgents(List<InferenceAgent> agents) {
        this.agents = agents == null ? new ArrayList<>() : new ArrayList<>(agents);
        save();
    }

    /**
     * Finds an inference agent by name.
     *
     * @param name the name a Jenkinsfile used
     * @return the agent, if configured
     */
    /**
     * Whether nodes get labels from their hardware (docs/hardware.md); on unless switched off.
     *
     * @return true when the hardware labels are on
     */
    public boolean isHardwareLabels() {
        return !hardwareLabelsOff;
    }

    /**
     * Switches the hardware labels of all nodes on or off.
     *
     * @param hardwareLabels true for on
     */
    @DataBoundSetter
    public void setHardwareLabels(boolean hardwareLabels) {
        this.hardwareLabelsOff = !hardwareLabels;
        save();
    }

    /**
     * The text put before every hardware label.
     *
     * @return the prefix, or null for none
     */
    public String getHardwareLabelPrefix() {
        return hardwareLabelPrefix;
    }

    /**
     * Sets the text put before every hardware label.
     *
     * @param hardwareLabelPrefix e.g. {@code hw-}; empty for none
     * @throws IllegalArgumentException for characters Jenkins reads as label operators
     */
    @DataBoundSetter
    public void setHardwareLabelPrefix(String hardwareLabelPrefix) {
        String prefix = Util.fixEmptyAndTrim(hardwareLabelPrefix);
        if (prefix != null) {
            HardwareLabels.checkPrefix(prefix);
        }
        this.hardwareLabelPrefix = prefix;
        save();
    }

    public Optional<InferenceAgent> agent(String name) {
        return agents.stream().filter(a -> a.getName().equals(name)).findFirst();
    }

    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        // An emptied list is not submitted at all; clear it first so removing the last agent sticks.
        agents = new ArrayList<>();
        req.bindJSON(this, json);
        save();
        return true;
    }

    /**
     * Checks the store URL.
     *
     * @param value the URL typed
     * @return ok, or what is wrong
     */
    @POST
    public FormValidation doCheckStoreUrl(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        String url = Util.fixEmptyAndTrim(value);
        if (url == null) {
            return FormValidation.ok("Embedded SQLite under JENKINS_HOME/mlops");
        }
        try {
            StoreUrl.parse(url);
            return FormValidation.ok();
        } catch (UserError e) {
            return FormValidation.error(e.getMessage());
        }
    }

    /**
     * Checks the artifact location.
     *
     * @param value the location typed
     * @return ok, or what is wrong
     */
    @POST
    public FormValidation doCheckArtifactsDirectory(@QueryParameter String value) {
        return checkLocation(value, "JENKINS_HOME/mlops/artifacts");
    }

    /**
     * Checks the default data remote.
     *
     * @param value the location typed
     * @return ok, or what is wrong
     */
    @POST
    public FormValidation doCheckDefaultRemote(@QueryParameter String value) {
        return checkLocation(value, "dataSnapshot pushes nowhere unless the step names a remote");
    }

    private static FormValidation checkLocation(String value, String whenEmpty) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        String location = Util.fixEmptyAndTrim(value);
        if (location == null) {
            return FormValidation.ok(whenEmpty);
        }
        try {
            StorageLocation.parse(location, Path.of("/"));
            return FormValidation.ok();
        } catch (UserError e) {
            return FormValidation.error(e.getMessage());
        }
    }

    /**
     * Checks the S3 endpoint URL.
     *
     * @param value the URL typed
     * @return ok, or what is wrong
     */
    @POST
    public FormValidation doCheckS3EndpointUrl(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        String url = Util.fixEmptyAndTrim(value);
        if (url == null) {
            return FormValidation.ok("AWS itself");
        }
        try {
            S3Settings.endpointUri(url);
            return FormValidation.ok();
        } catch (UserError e) {
            return FormValidation.error(e.getMessage());
        }
    }

    /**
     * Lists the username/password credentials an admin may pick for S3 (access key id and secret).
     *
     * @param s3CredentialsId the current value, kept in the list
     * @return the choices
     */
    @POST
    public ListBoxModel doFillS3CredentialsIdItems(@QueryParameter String s3CredentialsId) {
        return doFillStoreCredentialsIdItems(s3CredentialsId);
    }

    /**
     * Lists the username/password credentials an admin may pick for PostgreSQL.
     *
     * @param storeCredentialsId the current value, kept in the list
     * @return the choices
     */
    @POST
    public FormValidation doCheckHardwareLabelPrefix(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        String prefix = Util.fixEmptyAndTrim(value);
        if (prefix == null) {
            return FormValidation.ok();
        }
        try {
            HardwareLabels.checkPrefix(prefix);
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    @POST
    public ListBoxModel doFillStoreCredentialsIdItems(@QueryParameter String storeCredentialsId) {
        Jenkins jenkins = Jenkins.get();
        if (!jenkins.hasPermission(Jenkins.ADMINISTER)) {
            return new StandardListBoxModel().includeCurrentValue(storeCredentialsId);
        }
        return new StandardListBoxModel()
                .includeEmptyValue()
                .include(jenkins, StandardUsernamePasswordCredentials.class)
                .includeCurrentValue(storeCredentialsId);
    }
}
