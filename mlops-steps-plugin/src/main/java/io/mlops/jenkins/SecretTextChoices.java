package io.mlops.jenkins;

import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import hudson.model.Item;
import hudson.util.ListBoxModel;
import jenkins.model.Jenkins;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/** The secret text credentials a user may pick for a job, only for users who may configure it. */
public final class SecretTextChoices {
    private SecretTextChoices() {}

    /**
     * The choices.
     *
     * @param item the job, or null outside one
     * @param current the current value, kept
     * @return the list
     */
    public static ListBoxModel of(Item item, String current) {
        boolean allowed =
                item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : item.hasPermission(Item.EXTENDED_READ);
        if (!allowed) {
            return new StandardListBoxModel().includeCurrentValue(current);
        }
        StandardListBoxModel model = new StandardListBoxModel();
        model.includeEmptyValue();
        if (item == null) {
            model.include(Jenkins.get(), StringCredentials.class);
        } else {
            model.include(item, StringCredentials.class);
        }
        model.includeCurrentValue(current);
        return model;
    }
}
