package io.mlops.registry;

import java.io.Serializable;
import java.util.Objects;

/** A change to the registry, told to {@link RegistryListener}s after it was committed. */
public sealed interface RegistryEvent extends Serializable {
    /**
     * The registered model the change concerns.
     *
     * @return its name
     */
    String model();

    /**
     * Who made the change and why.
     *
     * @return the change
     */
    Change change();

    /**
     * A version was registered.
     *
     * @param version the new version
     * @param change who registered it
     */
    record VersionCreated(ModelVersion version, Change change) implements RegistryEvent {
        /** Validates the event. */
        public VersionCreated {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(change, "change");
        }

        @Override
        public String model() {
            return version.model();
        }
    }

    /**
     * An alias was set, moved, rolled back or removed.
     *
     * @param model the registered model
     * @param alias the alias
     * @param from the version it held before, or null when it is new
     * @param to the version it holds now, or null when it was removed
     * @param rollback whether the move undid the alias's previous move
     * @param change who moved it and why
     */
    record AliasMoved(String model, AliasName alias, Integer from, Integer to, boolean rollback, Change change)
            implements RegistryEvent {
        /** Validates the event. */
        public AliasMoved {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(alias, "alias");
            Objects.requireNonNull(change, "change");
        }
    }

    /**
     * A deployment was recorded or changed state.
     *
     * @param deployment the deployment as it is now
     * @param previous the same place's deployment before, or null when it is new
     * @param change who recorded it
     */
    record DeploymentChanged(Deployment deployment, Deployment previous, Change change) implements RegistryEvent {
        /** Validates the event. */
        public DeploymentChanged {
            Objects.requireNonNull(deployment, "deployment");
            Objects.requireNonNull(change, "change");
        }

        @Override
        public String model() {
            return deployment.model();
        }
    }
}
