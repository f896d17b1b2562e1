package io.mlops.jenkins.config;

import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.net.URI;
import java.net.URISyntaxException;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * An inference agent {@code deployTo} can ship models to: its admin URL and the credential (a
 * secret text) holding its admin token. A {@link Describable} directly, as core's deprecation of
 * {@code AbstractDescribableImpl} (since 2.505) asks; {@code getDescriptor()} is the interface's default.
 */
public final class InferenceAgent implements Describable<InferenceAgent> {
    private final String name;
    private final String url;
    private final String credentialsId;

    /**
     * Creates the entry.
     *
     * @param name what a Jenkinsfile calls it, e.g. gpu-1
     * @param url the agent's base URL, e.g. http://gpu-1:8000
     * @param credentialsId the secret text credential with its admin token
     */
    @DataBoundConstructor
    public InferenceAgent(String name, String url, String credentialsId) {
        this.name = name;
        this.url = url;
        this.credentialsId = credentialsId;
    }

    /** @return the name a Jenkinsfile uses */
    public String getName() {
        return name;
    }

    /** @return the agent's base URL */
    public String getUrl() {
        return url;
    }

    /** @return the id of the secret text credential with the admin token */
    public String getCredentialsId() {
        return credentialsId;
    }

    /** Form support for an inference agent entry. */
    @Extension
    @Symbol("inferenceAgent")
    public static final class DescriptorImpl extends Descriptor<InferenceAgent> {
        @Override
        public String getDisplayName() {
            return "Inference agent";
        }

        /**
         * Checks the URL.
         *
         * @param value the URL typed
         * @return ok, or what is wrong
         */
        @POST
        public FormValidation doCheckUrl(@QueryParameter String value) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
            try {
                // Stapler passes null when the field is missing from the request.
                URI uri = new URI(value == null ? "" : value.strip());
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                    return FormValidation.error("The agent URL must start with http:// or https://");
                }
                return FormValidation.ok();
            } catch (URISyntaxException e) {
                return FormValidation.error("Not a URL: " + e.getMessage());
            }
        }

        /**
         * Lists the secret text credentials an admin may pick.
         *
         * @param credentialsId the current value, kept in the list
         * @return the choices
         */
        @POST
        public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
            Jenkins jenkins = Jenkins.get();
            if (!jenkins.hasPermission(Jenkins.ADMINISTER)) {
                return new StandardListBoxModel().includeCurrentValue(credentialsId);
            }
            return new StandardListBoxModel()
                    .includeEmptyValue()
                    .include(jenkins, StringCredentials.class)
                    .includeCurrentValue(credentialsId);
        }
    }
}
