package io.mlops.registry.webhook;

import java.io.Serializable;
import java.net.URI;
import java.util.Objects;
import java.util.Set;

/**
 * A subscription to registry events, as it may be shown: its secret is not part of it.
 *
 * @param id the subscription's number
 * @param url where events are POSTed
 * @param events the events it receives
 * @param model the only model it hears about, or null for every model
 * @param createdAt when it was added, milliseconds since the epoch
 */
public record Webhook(long id, URI url, Set<WebhookEvent> events, String model, long createdAt)
        implements Serializable {
    /** Validates the webhook and copies its events. */
    public Webhook {
        Objects.requireNonNull(url, "url");
        events = Set.copyOf(events);
    }

    /**
     * Whether the webhook receives an event of a model.
     *
     * @param event the event
     * @param eventModel the model it concerns
     * @return true when subscribed to that event, for that model or every model
     */
    public boolean receives(WebhookEvent event, String eventModel) {
        return events.contains(event) && (model == null || model.equals(eventModel));
    }
}
