package io.mlops.agent.serve;

import io.mlops.agent.backend.LoadedModel;
import io.mlops.protocol.admin.VersionState;
import io.mlops.protocol.admin.VersionStatus;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One version of a model on the agent: its loaded model and executor once ready, its request
 * counts, and the requests in flight on it, which an unload waits for.
 */
public final class ModelVersion {
    private final String model;
    private final String version;
    private final String backend;
    private final String device;
    private final Path directory;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final Object inFlightLock = new Object();
    private int inFlight;
    private boolean draining;
    private volatile VersionState state = VersionState.LOADING;
    private volatile String error;
    private volatile long loadMillis;
    private volatile LoadedModel loaded;
    private volatile ModelExecutor executor;

    /**
     * Creates a version that is loading.
     *
     * @param model the model's name
     * @param version the version
     * @param backend the backend's name
     * @param device the device
     * @param directory its directory in the repository
     */
    public ModelVersion(String model, String version, String backend, String device, Path directory) {
        this.model = model;
        this.version = version;
        this.backend = backend;
        this.device = device;
        this.directory = directory;
    }

    /**
     * The version.
     *
     * @return e.g. {@code 3}
     */
    public String version() {
        return version;
    }

    /**
     * The backend's name.
     *
     * @return e.g. {@code onnxruntime}
     */
    public String backend() {
        return backend;
    }

    /**
     * Its directory in the repository.
     *
     * @return the directory
     */
    public Path directory() {
        return directory;
    }

    /**
     * Its state.
     *
     * @return loading, ready or failed
     */
    public VersionState state() {
        return state;
    }

    /**
     * The loaded model.
     *
     * @return the model, or null unless ready
     */
    public LoadedModel loaded() {
        return loaded;
    }

    /**
     * The executor requests go through.
     *
     * @return the executor, or null unless ready
     */
    public ModelExecutor executor() {
        return executor;
    }

    /**
     * Marks the version ready to take requests.
     *
     * @param model the loaded model
     * @param runner its executor
     * @param millis how long loading and warm-up took
     */
    void ready(LoadedModel model, ModelExecutor runner, long millis) {
        this.loaded = model;
        this.executor = runner;
        this.loadMillis = millis;
        this.state = VersionState.READY;
    }

    /**
     * Marks the version failed.
     *
     * @param reason why, for the admin API
     * @param millis how long the attempt took
     */
    void failed(String reason, long millis) {
        this.error = reason;
        this.loadMillis = millis;
        this.state = VersionState.FAILED;
    }

    /**
     * Counts a request in flight, unless the version is not ready or is being unloaded.
     *
     * @return whether the request may use the version; if so, {@link #exit(boolean)} must follow
     */
    boolean enter() {
        synchronized (inFlightLock) {
            if (draining || state != VersionState.READY) {
                return false;
            }
            inFlight++;
            requests.incrementAndGet();
            return true;
        }
    }

    /**
     * Ends a request in flight.
     *
     * @param failed whether it failed
     */
    void exit(boolean failed) {
        if (failed) {
            failures.incrementAndGet();
        }
        synchronized (inFlightLock) {
            inFlight--;
            if (inFlight == 0) {
                inFlightLock.notifyAll();
            }
        }
    }

    /**
     * Counts a failure of a request that has already exited, e.g. one past its timeout.
     */
    void countFailure() {
        failures.incrementAndGet();
    }

    /**
     * The requests taken so far.
     *
     * @return the count
     */
    public long requests() {
        return requests.get();
    }

    /**
     * The requests that failed so far.
     *
     * @return the count
     */
    public long failures() {
        return failures.get();
    }

    /**
     * Stops taking requests, waits for those in flight, then frees the model.
     *
     * @throws InterruptedException when interrupted while waiting
     */
    void unload() throws InterruptedException {
        synchronized (inFlightLock) {
            draining = true;
            while (inFlight > 0) {
                inFlightLock.wait();
            }
        }
        ModelExecutor runner = executor;
        if (runner != null) {
            runner.close();
        }
        LoadedModel model = loaded;
        if (model != null) {
            model.close();
        }
    }

    /**
     * The version as the admin API reports it.
     *
     * @return the status
     */
    public VersionStatus status() {
        return new VersionStatus(version, state, backend, device, loadMillis, requests.get(), failures.get(), error);
    }

    @Override
    public String toString() {
        return "model '" + model + "' version " + version;
    }
}
