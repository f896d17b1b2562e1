package io.mlops.jenkins.steps;

import hudson.Extension;
import hudson.Util;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.util.ListBoxModel;
import io.mlops.jenkins.SecretTextChoices;
import io.mlops.labels.live.LabelStudioSource;
import java.util.Arrays;
import java.util.List;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/**
 * {@code dataSnapshot path: 'data/pets', labelStudio: [url: 'http://ls:8080', project: 3, credentialsId:
 * 'label-studio']}: the live Label Studio project whose annotations and images {@code dataSnapshot}
 * pulls into its path before the snapshot. The token is a secret text credential (a legacy token or a
 * personal access token).
 */
public final class LabelStudioProject implements Describable<LabelStudioProject> {
    private final String url;
    private final int project;
    private final String credentialsId;
    private String allowHosts;

    /**
     * Creates the source.
     *
     * @param url the server, e.g. http://label-studio:8080
     * @param project the project id
     * @param credentialsId the secret text credential holding the API token
     */
    @DataBoundConstructor
    public LabelStudioProject(String url, int project, String credentialsId) {
        this.url = Util.fixEmptyAndTrim(url);
        this.project = project;
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    /** @return the server's URL */
    public String getUrl() {
        return url;
    }

    /** @return the project id */
    public int getProject() {
        return project;
    }

    /** @return the id of the secret text credential with the API token */
    public String getCredentialsId() {
        return credentialsId;
    }

    /** @return other hosts images may come from, separated by spaces or commas, or null */
    public String getAllowHosts() {
        return allowHosts;
    }

    /** @param allowHosts other hosts ({@code host} or {@code host:port}) task images may be downloaded from */
    @DataBoundSetter
    public void setAllowHosts(String allowHosts) {
        this.allowHosts = Util.fixEmptyAndTrim(allowHosts);
    }

    /**
     * The source as the core pull takes it.
     *
     * @return the source (validated: a bad URL or project id is a UserError)
     */
    LabelStudioSource source() {
        List<String> hosts = allowHosts == null
                ? List.of()
                : Arrays.stream(allowHosts.split("[,\\s]+"))
                        .filter(host -> !host.isEmpty())
                        .toList();
        return new LabelStudioSource(url == null ? "" : url, project, hosts);
    }

    /** Form support for the Label Studio source of {@code dataSnapshot}. */
    @Extension
    @Symbol("labelStudio")
    public static final class DescriptorImpl extends Descriptor<LabelStudioProject> {
        @Override
        public String getDisplayName() {
            return "Label Studio project";
        }

        /**
         * Lists the secret text credentials the job may use.
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
