package io.mlops.jenkins;

import hudson.ExtensionPoint;
import io.mlops.registry.ModelRegistry;
import io.mlops.registry.RegistryEvent;

/** Told of every committed change to the registry of this Jenkins (triggers, build links). */
public interface RegistryEventHandler extends ExtensionPoint {
    /**
     * Handles a change; must return quickly (it runs in the thread that made the change).
     *
     * @param event what changed
     * @param registry where, for comparisons
     */
    void onEvent(RegistryEvent event, ModelRegistry registry);
}
