package io.mlops.registry.webhook;

import io.mlops.error.UserError;
import io.mlops.registry.RegistryEvent;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The registry events a webhook can subscribe to, one per kind of {@link RegistryEvent}. */
public enum WebhookEvent {
    /** A version was registered. */
    VERSION_CREATED,
    /** An alias was set, moved, rolled back or removed. */
    ALIAS_MOVED,
    /** A deployment was recorded or changed state. */
    DEPLOYMENT_CHANGED,
    /** A monitoring alert on a deployment started or stopped firing. */
    ALERT_CHANGED,
    /** Labeling progressed in a labeling tool's project. */
    LABELING_PROGRESSED;

    /**
     * The webhook event of a registry event.
     *
     * @param event the registry's event
     * @return its kind
     */
    public static WebhookEvent of(RegistryEvent event) {
        return switch (event) {
            case RegistryEvent.VersionCreated created -> VERSION_CREATED;
            case RegistryEvent.AliasMoved moved -> ALIAS_MOVED;
            case RegistryEvent.DeploymentChanged changed -> DEPLOYMENT_CHANGED;
            case RegistryEvent.AlertChanged alert -> ALERT_CHANGED;
            case RegistryEvent.LabelingProgressed progress -> LABELING_PROGRESSED;
        };
    }

    /**
     * Reads an event name as users write it.
     *
     * @param name e.g. {@code ALIAS_MOVED} or {@code alias_moved}
     * @return the event
     * @throws UserError naming the known events when the name is none of them
     */
    public static WebhookEvent parse(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new UserError("'" + name + "' is no webhook event; use one of "
                    + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
        }
    }
}
