package io.mlops.jenkins.triggers;

import hudson.model.Job;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.mlops.registry.ModelRegistry;
import io.mlops.registry.RegistryEvent;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.model.ParameterizedJobMixIn;

/** Hands one registry change to the jobs with a {@link RegistryTrigger}. */
final class RegistryTriggerDispatch {
    private static final Logger LOGGER = Logger.getLogger(RegistryTriggerDispatch.class.getName());

    private RegistryTriggerDispatch() {}

    static void dispatch(RegistryEvent event, ModelRegistry registry) {
        // Triggers fire whoever changed the registry; finding the jobs must not depend on what they may see.
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            for (Job<?, ?> job : Jenkins.get().allItems(Job.class)) {
                RegistryTrigger trigger = ParameterizedJobMixIn.getTrigger(job, RegistryTrigger.class);
                if (trigger == null) {
                    continue;
                }
                try {
                    trigger.consider(event, registry);
                } catch (RuntimeException e) {
                    LOGGER.log(Level.WARNING, "registry trigger of " + job.getFullName() + " failed", e);
                }
            }
        }
    }
}
