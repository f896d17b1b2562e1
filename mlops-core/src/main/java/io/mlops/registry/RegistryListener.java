package io.mlops.registry;

/**
 * Told about every committed change to a registry, in the thread that made it; the Jenkins
 * trigger that starts a deployment pipeline when an alias moves is one.
 *
 * <p>A listener should return quickly. A listener that throws does not undo the change nor keep
 * the other listeners from hearing of it.
 */
@FunctionalInterface
public interface RegistryListener {
    /**
     * Handles a change.
     *
     * @param event what changed
     */
    void onEvent(RegistryEvent event);
}
