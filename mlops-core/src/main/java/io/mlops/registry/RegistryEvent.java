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
    /**
     * A monitoring alert on a deployed version started or stopped firing (issue 19). Raised by the
     * server's monitor through {@link ModelRegistry#announce}; it changes no registry entry.
     *
     * @param model the registered model
     * @param version the version deployed where the alert fired
     * @param endpoint the deployment's endpoint (the agent that serves it)
     * @param rule the alert rule's name
     * @param kind what the rule watches: {@code drift}, {@code error_rate} or {@code latency}
     * @param firing true when the alert started firing, false when it resolved
     * @param value the value measured when it changed (PSI, error fraction or p95 milliseconds)
     * @param limit the rule's limit
     * @param detail what was measured, for people (e.g. which input drifted); may be empty
     * @param change who raised it (the monitor) and why
     */
    record AlertChanged(
            String model,
            int version,
            String endpoint,
            String rule,
            String kind,
            boolean firing,
            double value,
            double limit,
            String detail,
            Change change)
            implements RegistryEvent {
        /** Validates the event. */
        public AlertChanged {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(endpoint, "endpoint");
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(change, "change");
            detail = detail == null ? "" : detail;
        }
    }

    /**
     * Labeling progressed in a labeling tool's project (issue 18): annotations were created or
     * updated in Label Studio, or jobs finished in CVAT. Raised through {@link ModelRegistry#announce}
     * by whoever receives the tool's webhook; it changes no registry entry.
     *
     * @param model the registered model whose training data the project labels
     * @param tool {@code label-studio} or {@code cvat}
     * @param project the tool's project id
     * @param finishedTasks how many of the project's tasks are finished now
     * @param totalTasks how many tasks the project has, or -1 when the tool did not say
     * @param change who raised it and why
     */
    record LabelingProgressed(
            String model, String tool, String project, int finishedTasks, int totalTasks, Change change)
            implements RegistryEvent {
        /** Validates the event. */
        public LabelingProgressed {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(tool, "tool");
            Objects.requireNonNull(project, "project");
            Objects.requireNonNull(change, "change");
        }
    }
}
