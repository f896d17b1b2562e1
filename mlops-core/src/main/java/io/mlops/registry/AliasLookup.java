package io.mlops.registry;

import java.util.Optional;

/**
 * Finds the version an alias points to where the alias may not exist yet: a model's first pipeline run
 * has nothing in production, because nothing was registered (or given that alias) before it. Both the
 * evaluation baseline and the pull-request report treat that as "no baseline", not as an error.
 */
public final class AliasLookup {
    private AliasLookup() {}

    /**
     * Looks an alias up.
     *
     * @param registry the registry
     * @param model the registered model's name
     * @param alias the alias
     * @return the version, or empty when the model is not registered or has no such alias
     */
    public static Optional<ModelVersion> find(ModelRegistry registry, String model, AliasName alias) {
        boolean registered =
                registry.models(model).stream().anyMatch(found -> found.name().equals(model));
        if (!registered) {
            return Optional.empty();
        }
        Integer version = registry.model(model).aliases().get(alias.value());
        return version == null ? Optional.empty() : Optional.of(registry.version(model, version));
    }
}
