package io.mlops.jenkins.triggers;

import hudson.model.Item;
import jenkins.model.Jenkins;

/** What every trigger's form method checks before it answers. */
final class TriggerForms {
    private TriggerForms() {}

    /**
     * Lets only those who may configure the job (or, outside a job, administer Jenkins) use a form
     * method: its answers may reveal the controller's state.
     *
     * @param item the job the form belongs to, or null outside one
     */
    static void checkConfigure(Item item) {
        if (item == null) {
            Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        } else {
            item.checkPermission(Item.CONFIGURE);
        }
    }
}
