package io.mlops.registry.webhook;

import io.mlops.error.UserError;
import io.mlops.registry.RegistryEvent;
import java.util.List;
import java.util.Map;

/**
 * MLflow 3's webhook events ({@code entity.action}) that the suite's registry raises, and the
 * suite's event each one is delivered from: a version created, an alias set or deleted. The
 * other MLflow events (registered model created, version tags, prompts) are refused, so that no
 * webhook waits for an event that never comes.
 */
public final class MlflowWebhookEvents {
    /** The MLflow events the registry delivers, with the suite event they come from. */
    public static final Map<String, WebhookEvent> SUPPORTED = Map.of(
            "model_version.created", WebhookEvent.VERSION_CREATED,
            "model_version_alias.created", WebhookEvent.ALIAS_MOVED,
            "model_version_alias.deleted", WebhookEvent.ALIAS_MOVED);

    private MlflowWebhookEvents() {}

    /**
     * Checks an MLflow event name.
     *
     * @param event e.g. {@code model_version.created}
     * @return the suite's event it is delivered from
     * @throws UserError for an event the registry does not raise
     */
    public static WebhookEvent suiteEvent(String event) {
        WebhookEvent suite = SUPPORTED.get(event);
        if (suite == null) {
            throw new UserError("the webhook event '" + event + "' is not raised by this registry; use one of "
                    + List.copyOf(new java.util.TreeSet<>(SUPPORTED.keySet())));
        }
        return suite;
    }

    /**
     * The MLflow event of a registry event.
     *
     * @param event the registry event
     * @return e.g. {@code model_version_alias.deleted}, or null when MLflow has none for it
     */
    public static String of(RegistryEvent event) {
        return switch (event) {
            case RegistryEvent.VersionCreated created -> "model_version.created";
            case RegistryEvent.AliasMoved moved ->
                moved.to() == null ? "model_version_alias.deleted" : "model_version_alias.created";
            case RegistryEvent.DeploymentChanged changed -> null;
            case RegistryEvent.AlertChanged alert -> null;
            case RegistryEvent.LabelingProgressed progress -> null;
        };
    }
}
