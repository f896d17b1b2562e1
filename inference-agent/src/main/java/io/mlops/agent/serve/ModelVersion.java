package io.mlops.agent.serve;

import io.mlops.agent.backend.LoadedModel;
import io.mlops.error.UserError;
import io.mlops.protocol.admin.VersionState;
import io.mlops.protocol.admin.VersionStatus;
import io.mlops.protocol.bundle.BundleLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    private volatile List<String> labels;

    /** The name of a version's (or model's) class labels file, as Triton's {@code label_filename}. */
    public static final String LABELS_FILE = BundleLayout.LABELS;

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
     * The device it runs on.
     *
     * @return e.g. {@code cpu}, {@code cuda:0}
     */
    public String device() {
        return device;
    }

    /**
     * The class labels of its classification outputs: {@value #LABELS_FILE} in the version's
     * directory, else in the model's, one label per line, the line's index the class's index;
     * read once.
     *
     * @return the labels, empty when there is no labels file
     * @throws io.mlops.error.UserError when the file cannot be read
     */
    public List<String> labels() {
        List<String> known = labels;
        if (known == null) {
            known = readLabels();
            labels = known;
        }
        return known;
    }

    /**
     * The labels file in force.
     *
     * @return its path, or null when there is none
     */
    public Path labelFile() {
        Path own = directory.resolve(LABELS_FILE);
        if (Files.isRegularFile(own)) {
            return own;
        }
        Path modelDir = directory.toAbsolutePath().getParent();
        Path shared = modelDir == null ? null : modelDir.resolve(LABELS_FILE);
        return shared != null && Files.isRegularFile(shared) ? shared : null;
    }

    private List<String> readLabels() {
        Path file = labelFile();
        if (file == null) {
            return List.of();
        }
        try {
            return List.copyOf(Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .map(String::strip)
                    .toList());
        } catch (IOException e) {
            // The exception's message may hold the file's path, which no HTTP answer may carry.
            throw new UserError(
                    "the " + LABELS_FILE + " of " + this + " cannot be read ("
                            + e.getClass().getSimpleName() + "); it must be UTF-8 text, one label per line",
                    e);
        }
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
