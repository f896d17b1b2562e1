package io.mlops.registry;

import java.io.Serializable;
import java.util.Objects;

/**
 * A registry event as the outbox keeps it: its place in the stream, its stable id and when the
 * change committed.
 *
 * @param position its place in the stream, increasing in commit order; consumers keep it as cursor
 * @param eventId the event's stable id, sent as {@code X-Mlops-Event-Id} with every delivery
 * @param at when the change was made, milliseconds since the epoch
 * @param event the change
 */
public record RecordedEvent(long position, String eventId, long at, RegistryEvent event) implements Serializable {
    /** Validates the record. */
    public RecordedEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(event, "event");
    }
}
