package io.mlops.agent.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.agent.backend.Backend;
import io.mlops.agent.backend.GraphNamedModel;
import io.mlops.agent.backend.LoadOptions;
import io.mlops.agent.backend.LoadedModel;
import io.mlops.error.UserError;
import io.mlops.json.Json;
import io.mlops.protocol.admin.ModelStatus;
import io.mlops.protocol.admin.Rollback;
import io.mlops.protocol.admin.ServingStatus;
import io.mlops.protocol.admin.SwitchRequest;
import io.mlops.protocol.admin.VersionState;
import io.mlops.protocol.v2.Tensor;
import io.mlops.protocol.v2.ZeroInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The admin side of serving: loads the repository at start, deploys uploaded bundles, switches
 * traffic (at once or as a watched canary), rolls back, and unloads. Changes to one model are made
 * under that model's lock; requests never take it, they read the routing the changes publish.
 */
public final class Deployments {
    /** The file in a version's directory that records how it was deployed, for the next start. */
    public static final String DEPLOYMENT_FILE = "deployment.json";

    private static final ObjectMapper JSON = Json.mapper();

    private final ModelRepository repository;
    private final ServedModels models;
    private final Map<String, Backend> backends;
    private final ModelExecutorFactory executors;
    private final WarmupRequests warmups;
    private final BundleReader bundles;
    private final ScheduledExecutorService scheduler;
    private final DeploymentSettings settings;
    private final Function<String, Map<String, Map<String, Object>>> drift;

    /**
     * How versions are loaded.
     *
     * @param sessions concurrent runs per version ({@link LoadOptions#sessions()})
     * @param warmupTimeout how long warm-up may take
     * @param defaultDevice the device when a deployment names none, per backend
     */
    public record DeploymentSettings(int sessions, Duration warmupTimeout, Map<String, String> defaultDevice) {
        /** Copies the map. */
        public DeploymentSettings {
            defaultDevice = Map.copyOf(defaultDevice);
        }
    }

    /**
     * Creates the deployments.
     *
     * @param repository the model repository on disk
     * @param models the served models, shared with the inference service
     * @param backends the backends by name
     * @param executors makes each version's executor
     * @param warmups reads a bundle's sample input
     * @param bundles unpacks uploads
     * @param scheduler runs the canary watches
     * @param settings how versions are loaded
     * @param drift per model, its inputs' drift figures for the status (empty without a monitor)
     */
    public Deployments(
            ModelRepository repository,
            ServedModels models,
            Map<String, Backend> backends,
            ModelExecutorFactory executors,
            WarmupRequests warmups,
            BundleReader bundles,
            ScheduledExecutorService scheduler,
            DeploymentSettings settings,
            Function<String, Map<String, Map<String, Object>>> drift) {
        this.repository = repository;
        this.models = models;
        this.backends = Map.copyOf(backends);
        this.executors = executors;
        this.warmups = warmups;
        this.bundles = bundles;
        this.scheduler = scheduler;
        this.settings = settings;
        this.drift = drift;
    }

    /**
     * Removes what interrupted uploads left under {@code .staging/}, then restores every model as
     * its {@value ServingStateFile#FILE_NAME} says: the version that served serves again, with its
     * canary and rollback target. A deployment that was under way when the agent stopped (a version
     * uploaded or loading or ready but not switched to, or a switch whose watch had not ended) is
     * rolled back: what served before it serves, and the version is listed FAILED with the reason.
     * Other versions on disk are loaded but take no traffic until a switch. A model without a state
     * file (a repository from an older agent, or filled by hand) serves its highest ready version.
     * A version that fails to load stays listed as FAILED with its error; its files are left alone.
     *
     * @return the status of every model
     * @throws UserError when a state file is damaged: the agent does not guess what to serve
     */
    public List<ModelStatus> loadRepository() {
        repository.removeStagingLeftovers();
        for (String name : repository.models()) {
            Optional<ServingState> saved = ServingStateFile.read(repository.modelDir(name));
            ServedModel model = models.getOrCreate(name);
            synchronized (model) {
                ServingState state = saved.map(s -> s.afterRestart(System.currentTimeMillis()))
                        .orElse(null);
                for (String version : repository.versions(name)) {
                    Path dir = repository.versionDir(name, version);
                    Recorded how;
                    try {
                        how = recordedDeployment(dir);
                    } catch (UserError e) {
                        ModelVersion unreadable = new ModelVersion(name, version, "unknown", "unknown", dir);
                        unreadable.failed(e.getMessage(), 0);
                        model.add(unreadable);
                        continue;
                    }
                    ModelVersion loading = new ModelVersion(name, version, how.backend(), how.device(), dir);
                    model.add(loading);
                    String takenBack = state == null ? null : state.failed().get(version);
                    if (takenBack != null) {
                        loading.failed(takenBack, 0);
                    } else {
                        load(name, loading);
                    }
                }
                if (state == null) {
                    model.versions().stream()
                            .filter(v -> v.state() == VersionState.READY)
                            .reduce((a, b) -> b)
                            .ifPresent(newest -> model.route(r -> new Routing(newest.version(), null, 0, null, 1)));
                } else {
                    restore(name, model, state);
                }
                if (!model.versionsUnordered().isEmpty() || saved.isPresent()) {
                    save(model);
                }
            }
            models.removeIfEmpty(model);
        }
        return statuses();
    }

    /** Routes a model as its restored state says; a version that no longer loads serves nothing. */
    private void restore(String name, ServedModel model, ServingState state) {
        model.interrupted().putAll(state.failed());
        // A version taken back that is no longer on disk is still reported, so a status query sees why.
        state.failed().forEach((version, reason) -> {
            if (model.version(version) == null) {
                ModelVersion gone = new ModelVersion(
                        name,
                        version,
                        "unknown",
                        "unknown",
                        repository.modelDir(name).resolve(version));
                gone.failed(reason, 0);
                model.add(gone);
            }
        });
        if (state.lastRollback() != null) {
            model.recordRollback(state.lastRollback());
        }
        String primary = state.primary();
        String previous = isReady(model, state.previous()) ? state.previous() : null;
        if (primary != null && !isReady(model, primary)) {
            // The version that served no longer loads: the one that served before it (and was
            // vetted then) takes over, as a rollback says; with none, the model serves nothing.
            ModelVersion broken = model.version(primary);
            String why =
                    broken == null ? "it is no longer on disk" : broken.status().error();
            if (previous != null) {
                model.recordRollback(new Rollback(
                        primary,
                        previous,
                        "version " + primary + " failed to load at start: " + why,
                        System.currentTimeMillis()));
            }
            primary = previous;
            previous = null;
        }
        String serving = primary;
        String canary = serving != null && isReady(model, state.canary()) ? state.canary() : null;
        String before = previous;
        model.route(r -> new Routing(serving, canary, canary == null ? 0 : state.canaryPercent(), before, 1));
    }

    private void save(ServedModel model) {
        save(model, model.routing());
    }

    private void save(ServedModel model, Routing routing) {
        if (!models.holds(model)) {
            return; // undeployed: its directory, state file included, is gone and stays gone
        }
        ServingStateFile.write(repository.modelDir(model.name()), model.state(routing));
    }

    /**
     * Changes a model's routing: saved first, then published, so that no request and no status
     * query sees a routing that a restart would not restore. The caller holds the model's lock.
     *
     * @param model the model
     * @param change the new routing from the current one
     * @return the new routing
     */
    Routing reroute(ServedModel model, java.util.function.UnaryOperator<Routing> change) {
        Routing next = change.apply(model.routing());
        save(model, next);
        model.route(r -> next);
        return next;
    }

    /** The backend and device a version was deployed with, as its deployment.json records them. */
    private record Recorded(String backend, String device) {}

    private Recorded recordedDeployment(Path dir) {
        Path file = dir.resolve(DEPLOYMENT_FILE);
        String backend = "onnxruntime";
        String device = null;
        if (Files.isRegularFile(file)) {
            try {
                JsonNode recorded = JSON.readTree(file.toFile());
                backend = recorded.path("backend").asText(backend);
                device = recorded.path("device").isTextual()
                        ? recorded.get("device").asText()
                        : null;
            } catch (IOException e) {
                throw new UserError("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return new Recorded(backend, device == null ? settings.defaultDevice().getOrDefault(backend, "cpu") : device);
    }

    /**
     * Deploys an uploaded bundle as a new version: unpacks it, renames it into the repository, loads
     * and warms it up. It takes no traffic until a switch.
     *
     * @param name the model
     * @param version the new version
     * @param backendName the backend to run it on
     * @param device the device, or null for the backend's default
     * @param bundle the zip's bytes
     * @return the model's status, the version READY
     * @throws UserError for a bad bundle or a model that fails to load or warm up; the version is
     *     removed and whatever served before keeps serving
     * @throws Conflict when the version exists
     */
    public ModelStatus deploy(String name, String version, String backendName, String device, InputStream bundle) {
        ModelRepository.checkModelName(name);
        ModelRepository.checkVersion(version);
        String backend = backendName == null || backendName.isBlank() ? "onnxruntime" : backendName;
        if (!backends.containsKey(backend)) {
            throw new UserError("unknown backend '" + backend + "'; this agent has " + backends.keySet());
        }
        String chosenDevice =
                device == null || device.isBlank() ? settings.defaultDevice().getOrDefault(backend, "cpu") : device;
        Path staged = repository.newStagingDir();
        try {
            bundles.unpack(bundle, staged);
            JSON.writeValue(
                    staged.resolve(DEPLOYMENT_FILE).toFile(), Map.of("backend", backend, "device", chosenDevice));
        } catch (IOException e) {
            repository.delete(staged);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            repository.delete(staged);
            throw e;
        }
        ServedModel model;
        ModelVersion loading;
        while (true) {
            model = models.getOrCreate(name);
            synchronized (model) {
                // A failed deploy of another version may have dropped this (then empty) model meanwhile.
                if (!models.holds(model)) {
                    continue;
                }
                loading = register(model, name, version, backend, chosenDevice, staged);
                break;
            }
        }
        // Loading and warm-up run outside the model's lock, so switches, rollbacks and canary
        // watches of the model go on meanwhile; the LOADING entry keeps the version number taken.
        load(name, loading);
        synchronized (model) {
            if (loading.state() != VersionState.READY) {
                model.remove(version);
                model.deploying().remove(version);
                save(model);
                repository.delete(loading.directory());
                models.removeIfEmpty(model);
                throw new UserError("model '" + name + "' version " + version + " failed to load: "
                        + loading.status().error() + "; the version was removed and "
                        + (model.routing().primary() == null
                                ? "nothing else was changed"
                                : "version " + model.routing().primary() + " keeps serving"));
            }
            return status(model);
        }
    }

    private ModelVersion register(
            ServedModel model, String name, String version, String backend, String device, Path staged) {
        try {
            ModelVersion existing = model.version(version);
            if (existing != null && model.interrupted().containsKey(version)) {
                // A deployment a restart took back may be uploaded again.
                model.remove(version);
                model.interrupted().remove(version);
                repository.delete(existing.directory());
            } else if (existing != null) {
                throw new Conflict("model '" + name + "' version " + version + " is already deployed; delete it"
                        + " first or upload a new version number");
            }
            // Saved before the version appears on disk: a restart from here on takes it back.
            model.deploying().add(version);
            save(model);
            Path dir;
            try {
                dir = repository.install(staged, name, version);
            } catch (RuntimeException e) {
                model.deploying().remove(version);
                save(model);
                throw e;
            }
            ModelVersion loading = new ModelVersion(name, version, backend, device, dir);
            model.add(loading);
            return loading;
        } finally {
            repository.delete(staged);
            models.removeIfEmpty(model);
        }
    }

    private void load(String name, ModelVersion version) {
        long start = System.nanoTime();
        LoadedModel loaded = null;
        ModelExecutor executor = null;
        try {
            Backend backend = backends.get(version.backend());
            if (backend == null) {
                throw new UserError("unknown backend '" + version.backend() + "'; this agent has " + backends.keySet());
            }
            String device = version.status().device();
            Path file = version.directory().resolve(ModelRepository.MODEL_FILE);
            loaded = backend.load(
                    file,
                    new LoadOptions(
                            device, settings.sessions(), version.directory().resolve("compiled")));
            // every backend answers with the graph's names, datatypes and shapes
            loaded = GraphNamedModel.of(loaded, file, backend.name());
            executor = executors.create(name, version.version(), loaded);
            warmUp(name, version, loaded, executor);
            version.ready(loaded, executor, elapsedMillis(start));
        } catch (RuntimeException e) {
            if (executor != null) {
                executor.close();
            }
            if (loaded != null) {
                loaded.close();
            }
            version.failed(e.getMessage() == null ? e.toString() : e.getMessage(), elapsedMillis(start));
        }
    }

    private void warmUp(String name, ModelVersion version, LoadedModel loaded, ModelExecutor executor) {
        Optional<InferRequest> sample = warmups.sample(name, version.directory());
        String where = "model '" + name + "' version " + version.version() + " (warm-up";
        List<Tensor> inputs = sample.map(
                        r -> InputValidation.inputs(where + " with sample-input.json)", loaded.inputs(), r.inputs()))
                .orElseGet(() -> ZeroInput.of(loaded.inputs()));
        try {
            executor.submit(inputs, Set.of()).get(settings.warmupTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new UserError(where + ") failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new UserError(
                    where + ") took longer than " + settings.warmupTimeout().toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError(where + ") was interrupted", e);
        }
    }

    private static long elapsedMillis(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    /**
     * Sends traffic to a ready version: all of it at once, or a canary share; with a watch that
     * rolls back on errors and promotes a canary when it passes.
     *
     * @param name the model
     * @param request the version, share and watch
     * @return the model's status
     * @throws UnknownModel when the model or version is unknown
     * @throws Conflict when the version is not ready
     */
    public ModelStatus switchTo(String name, SwitchRequest request) {
        ServedModel model = models.get(name);
        synchronized (model) {
            ModelVersion target = model.version(request.version());
            if (target == null) {
                throw new UnknownModel("model '" + name + "' has no version " + request.version() + "; it has "
                        + model.versions().stream().map(ModelVersion::version).toList());
            }
            if (target.state() != VersionState.READY) {
                throw new Conflict("model '" + name + "' version " + request.version() + " is " + target.state()
                        + "; only a READY version can take traffic");
            }
            String to = request.version();
            Routing current = model.routing();
            boolean full = request.canaryPercent() == 100 || current.primary() == null || to.equals(current.primary());
            Routing routing;
            if (full) {
                String previous = to.equals(current.primary()) ? current.previous() : current.primary();
                routing = new Routing(to, null, 0, previous, current.generation() + 1);
            } else {
                routing = new Routing(
                        current.primary(), to, request.canaryPercent(), current.previous(), current.generation() + 1);
            }
            model.deploying().remove(to);
            boolean watched = request.watchSeconds() > 0 && !(routing.previous() == null && routing.canary() == null);
            if (watched) {
                model.watch(
                        new ServingState.Watch(
                                to,
                                System.currentTimeMillis() + request.watchSeconds() * 1000L,
                                request.maxErrorRate()),
                        routing.generation());
            }
            Routing published = routing;
            reroute(model, r -> published);
            if (watched) {
                CanaryWatch.start(this, scheduler, model, target, routing.generation(), request);
            }
            return status(model);
        }
    }

    /**
     * Rolls back: drops a canary, or sends traffic back to the version that served before.
     *
     * @param name the model
     * @param reason why, recorded in the status
     * @return the model's status
     * @throws Conflict when there is nothing to roll back to
     */
    public ModelStatus rollback(String name, String reason) {
        ServedModel model = models.get(name);
        synchronized (model) {
            rollbackLocked(model, reason == null || reason.isBlank() ? "manual rollback" : reason);
            return status(model);
        }
    }

    void rollbackLocked(ServedModel model, String reason) {
        Routing routing = model.routing();
        String from;
        String to;
        Routing next;
        if (routing.canary() != null) {
            from = routing.canary();
            to = routing.primary();
            next = new Routing(routing.primary(), null, 0, routing.previous(), routing.generation() + 1);
        } else if (routing.previous() != null && isReady(model.version(routing.previous()))) {
            from = routing.primary();
            to = routing.previous();
            next = new Routing(routing.previous(), null, 0, null, routing.generation() + 1);
        } else {
            throw new Conflict("model '" + model.name() + "' has no earlier version to roll back to"
                    + (routing.primary() == null ? "" : "; version " + routing.primary() + " keeps serving"));
        }
        model.recordRollback(new Rollback(from, to, reason, System.currentTimeMillis()));
        reroute(model, r -> next);
    }

    /**
     * A watch ended (passed, or its routing changed): the saved state no longer holds it.
     *
     * @param model the model, whose lock the caller holds
     * @param generation the routing generation the watch watched
     */
    void watchEnded(ServedModel model, long generation) {
        model.endWatch(generation);
        save(model);
    }

    private static boolean isReady(ServedModel model, String version) {
        return version != null && isReady(model.version(version));
    }

    private static boolean isReady(ModelVersion version) {
        return version != null && version.state() == VersionState.READY;
    }

    /**
     * Unloads a version that takes no traffic and deletes it from the repository; waits for the
     * requests in flight on it.
     *
     * @param name the model
     * @param version the version
     * @return the model's status
     * @throws Conflict when the version serves traffic
     */
    public ModelStatus unload(String name, String version) {
        ServedModel model = models.get(name);
        ModelVersion removed;
        synchronized (model) {
            removed = model.version(version);
            if (removed == null) {
                throw new UnknownModel("model '" + name + "' has no version " + version);
            }
            if (removed.state() == VersionState.LOADING) {
                throw new Conflict("model '" + name + "' version " + version + " is still loading; unload it once"
                        + " it is READY or FAILED");
            }
            Routing routing = model.routing();
            if (routing.serves(version)) {
                throw new Conflict("model '" + name + "' version " + version + " serves traffic ("
                        + (version.equals(routing.primary()) ? "primary" : "canary")
                        + "); switch to another version first");
            }
            model.remove(version);
            model.interrupted().remove(version);
            model.deploying().remove(version);
            if (version.equals(routing.previous())) {
                reroute(model, r -> new Routing(r.primary(), r.canary(), r.canaryPercent(), null, r.generation() + 1));
            } else {
                save(model);
            }
        }
        drain(removed);
        repository.delete(removed.directory());
        return status(model);
    }

    /**
     * Stops serving a model: new requests get 404 at once, those in flight finish, then every
     * version is unloaded and the model's directory deleted.
     *
     * @param name the model
     */
    public void undeploy(String name) {
        ServedModel model = models.get(name);
        synchronized (model) {
            if (model.versions().stream().anyMatch(v -> v.state() == VersionState.LOADING)) {
                throw new Conflict("model '" + name + "' has a version still loading; undeploy it once that is done");
            }
            models.remove(model);
            for (ModelVersion version : model.versions()) {
                drain(version);
                model.remove(version.version());
            }
        }
        repository.delete(repository.modelDir(name));
    }

    private static void drain(ModelVersion version) {
        try {
            version.unload();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + version + " finished its requests", e);
        }
    }

    /**
     * A model's status.
     *
     * @param name the model
     * @return its status
     * @throws UnknownModel when it is not served
     */
    public ModelStatus status(String name) {
        return status(models.get(name));
    }

    private ModelStatus status(ServedModel model) {
        Routing routing = model.routing();
        return new ModelStatus(
                model.name(),
                new ServingStatus(routing.primary(), routing.canary(), routing.canaryPercent()),
                model.versions().stream().map(ModelVersion::status).toList(),
                model.lastRollback(),
                drift.apply(model.name()));
    }

    /**
     * Every model's status.
     *
     * @return the statuses, by name
     */
    public List<ModelStatus> statuses() {
        return models.all().stream().map(this::status).toList();
    }
}
