package io.mlops.jenkins.steps;

import hudson.FilePath;
import hudson.model.Cause;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.mlops.jenkins.tracking.TrackRunAction;
import io.mlops.registry.AliasName;
import io.mlops.registry.Change;
import io.mlops.registry.FileSource;
import io.mlops.registry.ModelCardFields;
import io.mlops.registry.ModelRegistry;
import io.mlops.registry.ModelVersion;
import io.mlops.registry.NewVersion;
import io.mlops.registry.UnknownRegistryEntry;
import io.mlops.suite.SuiteStores;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Registers a model a build produced: the file is copied from the agent to the controller's model
 * directory (the registry keeps files by path and hash), with the build's run and data snapshots
 * for lineage, and a link from the build to the version.
 */
final class VersionRegistrar {
    private final SuiteStores stores;
    private final Run<?, ?> run;
    private final TaskListener listener;

    VersionRegistrar(SuiteStores stores, Run<?, ?> run, TaskListener listener) {
        this.stores = stores;
        this.run = run;
        this.listener = listener;
    }

    ModelVersion register(String model, String alias, FilePath file, Map<String, Double> metrics)
            throws IOException, InterruptedException {
        Path kept = stores.home()
                .directory()
                .resolve("models")
                .resolve(model)
                .resolve(run.getParent().getFullName().replace('/', '_') + "-" + run.getNumber())
                .resolve(file.getName());
        file.copyTo(new FilePath(kept.toFile()));
        ModelRegistry registry = stores.registry();
        Change change = Change.by(actor());
        try {
            registry.model(model);
        } catch (UnknownRegistryEntry missing) {
            registry.createModel(model, "", Map.of(), change);
        }
        TrackRunAction tracked = run.getAction(TrackRunAction.class);
        List<String> snapshots = run.getActions(SnapshotAction.class).stream()
                .map(SnapshotAction::getSnapshotId)
                .toList();
        ModelVersion version = registry.registerVersion(
                new NewVersion(
                        model,
                        FileSource.of(kept),
                        tracked == null ? null : tracked.getRunId(),
                        snapshots,
                        metrics,
                        ModelCardFields.none(),
                        "built by " + run.getFullDisplayName()),
                change);
        run.addAction(new ModelVersionAction(model, version.version()));
        listener.getLogger().println("[mlops] registered " + model + " version " + version.version());
        if (alias != null) {
            registry.setAlias(
                    model,
                    new AliasName(alias),
                    version.version(),
                    new Change(change.actor(), "every gate held in " + run.getFullDisplayName()));
            listener.getLogger().println("[mlops] " + model + "@" + alias + " -> version " + version.version());
        }
        return version;
    }

    private String actor() {
        Cause.UserIdCause cause = run.getCause(Cause.UserIdCause.class);
        return cause == null || cause.getUserId() == null ? "jenkins:" + run.getExternalizableId() : cause.getUserId();
    }
}
