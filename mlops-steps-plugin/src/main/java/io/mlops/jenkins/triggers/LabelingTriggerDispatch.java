package io.mlops.jenkins.triggers;

import hudson.model.Job;
import hudson.security.ACL;
import hudson.security.ACLContext;
import io.mlops.registry.RegistryEvent;
import io.mlops.suite.SuiteStores;
import io.mlops.trigger.LabelingBaselines;
import java.time.Clock;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.Jenkins;
import jenkins.model.ParameterizedJobMixIn;

/** Hands labeling progress from the registry's event stream to the jobs with a {@link LabelingTrigger}. */
final class LabelingTriggerDispatch {
    private static final Logger LOGGER = Logger.getLogger(LabelingTriggerDispatch.class.getName());

    private LabelingTriggerDispatch() {}

    static void dispatch(RegistryEvent event, SuiteStores stores) {
        if (!(event instanceof RegistryEvent.LabelingProgressed progress)) {
            return;
        }
        LabelingBaselines baselines = new LabelingBaselines(stores.database(), Clock.systemUTC());
        // Triggers fire whoever labeled; finding the jobs must not depend on what they may see.
        try (ACLContext ignored = ACL.as2(ACL.SYSTEM2)) {
            for (Job<?, ?> job : Jenkins.get().allItems(Job.class)) {
                LabelingTrigger trigger = ParameterizedJobMixIn.getTrigger(job, LabelingTrigger.class);
                if (trigger == null) {
                    continue;
                }
                try {
                    trigger.consider(progress, baselines);
                } catch (RuntimeException e) {
                    LOGGER.log(Level.WARNING, "labeling trigger of " + job.getFullName() + " failed", e);
                }
            }
        }
    }
}
