package io.mlops.suite;

import io.mlops.monitor.AlertAnnouncer;
import io.mlops.monitor.AlertChange;
import io.mlops.registry.Change;
import io.mlops.registry.ModelRegistry;
import io.mlops.registry.RecordedEvent;
import io.mlops.registry.RegistryEvent;
import io.mlops.registry.RegistryEvents;
import java.util.List;
import java.util.Objects;

/**
 * Announces alert changes as the registry's {@link RegistryEvent.AlertChanged} events (the outbox,
 * webhooks, Jenkins triggers), raised by the actor {@value #ACTOR}.
 */
public final class RegistryAlertAnnouncer implements AlertAnnouncer {
    /** Who raises alert events in the audit trail of the event stream. */
    public static final String ACTOR = "monitor";

    private static final int PAGE = 500;

    private final ModelRegistry registry;
    private final RegistryEvents events;

    /**
     * Creates the announcer.
     *
     * @param registry the registry whose stream the events join
     * @param events the same store's event stream, read to find an announcement again
     */
    public RegistryAlertAnnouncer(ModelRegistry registry, RegistryEvents events) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.events = Objects.requireNonNull(events, "events");
    }

    @Override
    public long mark() {
        return events.head();
    }

    @Override
    public void announce(AlertChange change) {
        registry.announce(event(change));
    }

    @Override
    public boolean announcedSince(long mark, AlertChange change) {
        long position = mark;
        while (true) {
            List<RecordedEvent> page = events.since(position, PAGE);
            if (page.isEmpty()) {
                return false;
            }
            for (RecordedEvent recorded : page) {
                if (recorded.event() instanceof RegistryEvent.AlertChanged alert
                        && alert.model().equals(change.model())
                        && alert.endpoint().equals(change.endpoint())
                        && alert.rule().equals(change.rule())
                        && alert.firing() == change.firing()) {
                    return true;
                }
            }
            position = page.getLast().position();
        }
    }

    /**
     * The registry event of an alert change.
     *
     * @param change the change
     * @return the event the registry streams
     */
    public static RegistryEvent.AlertChanged event(AlertChange change) {
        return new RegistryEvent.AlertChanged(
                change.model(),
                change.version(),
                change.endpoint(),
                change.rule(),
                change.kind().wireName(),
                change.firing(),
                change.value(),
                change.limit(),
                change.detail(),
                new Change(ACTOR, change.reason()));
    }
}
