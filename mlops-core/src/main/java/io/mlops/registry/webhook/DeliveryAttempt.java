package io.mlops.registry.webhook;

import java.io.Serializable;
import java.util.Objects;

/**
 * One attempt to deliver an event to a webhook, as the delivery log keeps it.
 *
 * @param deliveryId the delivery's id, shared by its attempts (the {@code X-Mlops-Delivery} header)
 * @param webhookId the webhook
 * @param event the event delivered
 * @param attempt the attempt's number, from 1
 * @param status its outcome
 * @param httpStatus the receiver's HTTP status, or null when it did not answer
 * @param error what went wrong, or null
 * @param at when the attempt ended, milliseconds since the epoch
 */
public record DeliveryAttempt(
        String deliveryId,
        long webhookId,
        WebhookEvent event,
        int attempt,
        DeliveryStatus status,
        Integer httpStatus,
        String error,
        long at)
        implements Serializable {
    /** Validates the attempt. */
    public DeliveryAttempt {
        Objects.requireNonNull(deliveryId, "deliveryId");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(status, "status");
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1: " + attempt);
        }
    }
}
