package io.mlops.agent.serve;

import io.mlops.protocol.admin.Rollback;
import io.mlops.protocol.admin.VersionState;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

/**
 * A model the agent serves: its versions and the routing of its traffic. Requests read the routing
 * without locks; admin changes replace it atomically, so every request sees either the old or the
 * new routing, never a mix.
 */
public final class ServedModel {
    /** Orders version numbers numerically, so that 10 comes after 9. */
    public static final Comparator<String> VERSION_ORDER =
            Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder());

    private final String name;
    private final Map<String, ModelVersion> versions = new ConcurrentHashMap<>();
    private final AtomicReference<Routing> routing = new AtomicReference<>(Routing.none());
    private volatile Rollback lastRollback;
    // Guarded by the model's lock, like every admin change: what the saved state holds beyond the routing.
    private final java.util.Set<String> deploying = new java.util.TreeSet<>(VERSION_ORDER);
    private final Map<String, String> interrupted = new java.util.TreeMap<>(VERSION_ORDER);
    private ServingState.Watch watch;
    private long watchGeneration = -1;

    /**
     * Creates a model with no versions.
     *
     * @param name the model's name
     */
    public ServedModel(String name) {
        this.name = name;
    }

    /**
     * The model's name.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The current routing.
     *
     * @return the routing
     */
    public Routing routing() {
        return routing.get();
    }

    /**
     * Changes the routing atomically.
     *
     * @param change computes the new routing from the current one; may run more than once
     * @return the new routing
     */
    Routing route(UnaryOperator<Routing> change) {
        return routing.updateAndGet(change);
    }

    /**
     * A version the agent holds.
     *
     * @param version the version
     * @return the version, or null
     */
    public ModelVersion version(String version) {
        return versions.get(version);
    }

    /**
     * Every version, in version order.
     *
     * @return the versions
     */
    public List<ModelVersion> versions() {
        return versions.values().stream()
                .sorted(Comparator.comparing(ModelVersion::version, VERSION_ORDER))
                .toList();
    }

    /**
     * The version clients see by default: the routing's primary, or before any switch the newest ready
     * version (what the demo page and pre-annotation describe and run).
     *
     * @return the version, or null when none is ready
     */
    public ModelVersion serving() {
        String primary = routing().primary();
        return primary != null
                ? version(primary)
                : versions().stream()
                        .filter(v -> v.state() == VersionState.READY)
                        .reduce((a, b) -> b)
                        .orElse(null);
    }

    Collection<ModelVersion> versionsUnordered() {
        return versions.values();
    }

    void add(ModelVersion version) {
        versions.put(version.version(), version);
    }

    void remove(String version) {
        versions.remove(version);
    }

    /**
     * Takes a request: the named version, or the one routing picks, counted in flight.
     *
     * @param version the version asked for, or null / empty for the routed one
     * @return the version, which the caller must {@link ModelVersion#exit(boolean)}
     * @throws UnknownModel when that version is not loaded and ready, or nothing serves
     */
    ModelVersion enter(String version) {
        boolean named = version != null && !version.isEmpty();
        // A switch may retire the picked version between the pick and the entry; pick again then.
        for (int attempt = 0; attempt < 3; attempt++) {
            String chosen = named ? version : routing.get().pick();
            if (chosen == null) {
                throw new UnknownModel("model '" + name + "' has no version serving traffic yet; switch to one of "
                        + versions().stream().map(ModelVersion::version).toList());
            }
            ModelVersion candidate = versions.get(chosen);
            if (candidate == null) {
                if (named) {
                    throw new UnknownModel("model '" + name + "' has no version " + version + "; it has "
                            + versions().stream().map(ModelVersion::version).toList());
                }
                continue;
            }
            if (candidate.enter()) {
                return candidate;
            }
            if (named) {
                throw new UnknownModel("model '" + name + "' version " + version + " is " + candidate.state()
                        + ", not ready to take requests");
            }
        }
        throw new UnknownModel("model '" + name + "' is being switched and has no ready version right now; retry");
    }

    /**
     * The latest rollback.
     *
     * @return it, or null
     */
    public Rollback lastRollback() {
        return lastRollback;
    }

    void recordRollback(Rollback rollback) {
        this.lastRollback = rollback;
    }

    /** Versions uploaded and not yet switched to; a restart takes them back. */
    java.util.Set<String> deploying() {
        return deploying;
    }

    /** Versions whose deployment a restart interrupted, with the reason they are FAILED. */
    Map<String, String> interrupted() {
        return interrupted;
    }

    /** The watch under way, while the routing it watches is in force; else null. */
    ServingState.Watch watch() {
        return watchOf(routing.get());
    }

    private ServingState.Watch watchOf(Routing current) {
        return watch != null && watchGeneration == current.generation() ? watch : null;
    }

    void watch(ServingState.Watch started, long generation) {
        this.watch = started;
        this.watchGeneration = generation;
    }

    void endWatch(long generation) {
        if (watchGeneration == generation) {
            watch = null;
            watchGeneration = -1;
        }
    }

    /**
     * The state to save.
     *
     * @return the routing, the watch, the deployments under way and the interrupted ones
     */
    ServingState state() {
        return state(routing.get());
    }

    /**
     * The state to save once a routing is in force.
     *
     * @param current the routing, about to be published
     * @return the state with that routing
     */
    ServingState state(Routing current) {
        return new ServingState(
                current.primary(),
                current.previous(),
                current.canary(),
                current.canaryPercent(),
                watchOf(current),
                List.copyOf(deploying),
                Map.copyOf(interrupted),
                lastRollback);
    }
}
