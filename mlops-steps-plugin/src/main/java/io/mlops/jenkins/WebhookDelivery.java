package io.mlops.jenkins;

import hudson.Extension;
import hudson.init.InitMilestone;
import hudson.init.Initializer;
import hudson.init.Terminator;
import io.mlops.error.UserError;
import io.mlops.registry.webhook.DeliverySettings;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The controller is a long-running host, so it runs mlops-core's outbox dispatcher: webhooks registered
 * in Jenkins or in {@code mlops server}, for changes made from any host, are delivered from the store's
 * outbox, with retries that survive a restart. Started once the jobs are loaded, stopped when Jenkins
 * shuts down.
 */
@Extension
public final class WebhookDelivery {
    private static final Logger LOGGER = Logger.getLogger(WebhookDelivery.class.getName());

    /** Starts delivery from the store in force (and from every store configured later). */
    @Initializer(after = InitMilestone.JOB_LOADED)
    public static void start() {
        try {
            MlopsStores.get().startDelivery(DeliverySettings.standard());
        } catch (UserError e) {
            // A store that cannot be opened now (PostgreSQL down, credential missing) does not stop
            // Jenkins; delivery starts when the stores are next opened.
            LOGGER.log(Level.WARNING, "MLOps webhook delivery waits for the store: " + e.getMessage());
        }
    }

    /** Stops delivery and closes the controller's reference to the stores. */
    @Terminator
    public static void stop() {
        MlopsStores.get().shutDown();
    }
}
