package io.mlops.registry;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The listeners of one registry, and the delivery of events to them: each listener in turn, a
 * failing one logged and skipped, because the change it hears of is already committed.
 */
public final class RegistryListeners {
    private static final System.Logger LOG = System.getLogger(RegistryListeners.class.getName());

    private final List<RegistryListener> listeners = new CopyOnWriteArrayList<>();

    /**
     * Adds a listener.
     *
     * @param listener told about each later change
     * @return a handle that removes the listener when closed
     */
    public AutoCloseable add(RegistryListener listener) {
        listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
        return () -> listeners.remove(listener);
    }

    void publish(List<RegistryEvent> events) {
        for (RegistryEvent event : events) {
            for (RegistryListener listener : listeners) {
                try {
                    listener.onEvent(event);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "a registry listener failed on " + event, e);
                }
            }
        }
    }
}
