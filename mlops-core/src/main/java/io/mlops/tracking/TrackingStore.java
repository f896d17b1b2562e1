package io.mlops.tracking;

import java.util.List;
import java.util.Optional;

/**
 * Where experiments, runs and everything runs log are kept: the tracking part of the metadata
 * store. Implementations apply MLflow's rules (immutable params, name rules, batch and length
 * limits) and report broken ones as {@link TrackingError} with MLflow's error codes and wording.
 *
 * <p>Every operation is one transaction; several processes may use one store at the same time.
 * A store that is locked or unreachable throws {@link io.mlops.store.StoreUnavailable}.
 */
public interface TrackingStore {
    /**
     * Creates an experiment.
     *
     * @param name a unique name
     * @param tags its tags
     * @return the new experiment's id
     * @throws TrackingError RESOURCE_ALREADY_EXISTS when the name is taken
     */
    String createExperiment(String name, List<Tag> tags);

    /**
     * Finds an experiment by id, active or deleted.
     *
     * @param id the id
     * @return the experiment
     * @throws TrackingError RESOURCE_DOES_NOT_EXIST when there is none
     */
    Experiment experiment(String id);

    /**
     * Finds an experiment by name, active or deleted.
     *
     * @param name the name
     * @return the experiment, or empty
     */
    Optional<Experiment> experimentByName(String name);

    /**
     * Searches experiments.
     *
     * @param search filter, order and page
     * @return one page
     */
    Page<Experiment> searchExperiments(ExperimentSearch search);

    /**
     * Starts a run.
     *
     * @param request experiment, user, start time, name and tags
     * @return the run, RUNNING
     */
    Run createRun(NewRun request);

    /**
     * Reads a run with its latest metrics, params, tags and inputs.
     *
     * @param runId the run's id
     * @return the run
     * @throws TrackingError RESOURCE_DOES_NOT_EXIST when there is none
     */
    Run run(String runId);

    /**
     * Changes a run's status, end time or name.
     *
     * @param runId the run's id
     * @param status the new status, or null to keep it
     * @param endTime the end time, or null to keep it
     * @param runName the new name, or null to keep it
     * @return the updated info
     */
    RunInfo updateRun(String runId, RunStatus status, Long endTime, String runName);

    /**
     * Marks a run deleted (restorable).
     *
     * @param runId the run's id
     */
    void deleteRun(String runId);

    /**
     * Makes a deleted run active again.
     *
     * @param runId the run's id
     */
    void restoreRun(String runId);

    /**
     * Logs metrics, params and tags in one transaction, within MLflow's batch limits.
     *
     * @param runId an active run
     * @param metrics points to add (a point logged twice is kept once)
     * @param params params to set (re-logging the same value is a no-op, another value an error)
     * @param tags tags to set or change
     */
    void logBatch(String runId, List<Metric> metrics, List<Param> params, List<Tag> tags);

    /**
     * Logs one metric point.
     *
     * @param runId an active run
     * @param metric the point
     */
    void logMetric(String runId, Metric metric);

    /**
     * Logs one param.
     *
     * @param runId an active run
     * @param param the param
     */
    void logParam(String runId, Param param);

    /**
     * Sets one tag.
     *
     * @param runId an active run
     * @param tag the tag
     */
    void setTag(String runId, Tag tag);

    /**
     * Removes a tag.
     *
     * @param runId an active run
     * @param key the tag's key
     * @throws TrackingError RESOURCE_DOES_NOT_EXIST when the run has no such tag
     */
    void deleteTag(String runId, String key);

    /**
     * Records datasets a run used.
     *
     * @param runId an active run
     * @param inputs the datasets and how they were used
     */
    void logInputs(String runId, List<DatasetInput> inputs);

    /**
     * All points of one metric, ordered by timestamp, step and value.
     *
     * @param runId the run
     * @param key the metric
     * @param maxResults the page size, or null for all points
     * @param pageToken where the page starts, or null
     * @return one page of points
     */
    Page<Metric> metricHistory(String runId, String key, Integer maxResults, String pageToken);

    /**
     * Searches runs.
     *
     * @param search experiments, filter, order and page
     * @return one page of runs
     */
    Page<Run> searchRuns(RunSearch search);

    /**
     * Records that a run has an artifact file, replacing an earlier one at the same path. The
     * blob must already be stored.
     *
     * @param artifact the run, the path and the blob
     */
    void recordArtifact(StoredArtifact artifact);

    /**
     * Finds a run's artifact file.
     *
     * @param runId the run
     * @param path the path under the run's artifact root
     * @return the artifact, or empty
     */
    Optional<StoredArtifact> artifact(String runId, String path);

    /**
     * All artifact files of a run under a directory, at any depth.
     *
     * @param runId the run
     * @param directory a path under the run's artifact root, empty for the root
     * @return the files, ordered by path
     */
    List<StoredArtifact> artifacts(String runId, String directory);

    /**
     * Deletes an active experiment and marks all its runs deleted, as MLflow does.
     *
     * @param id the experiment
     */
    void deleteExperiment(String id);

    /**
     * Restores a deleted experiment and marks all its runs active again.
     *
     * @param id the experiment
     */
    void restoreExperiment(String id);

    /**
     * Renames an active experiment.
     *
     * @param id the experiment
     * @param name the new name, not used by another experiment
     */
    void renameExperiment(String id, String name);

    /**
     * Sets a tag of an active experiment, replacing its value.
     *
     * @param id the experiment
     * @param tag the tag
     */
    void setExperimentTag(String id, Tag tag);

    /**
     * Deletes a tag of an active experiment.
     *
     * @param id the experiment
     * @param key the tag, which must exist
     */
    void deleteExperimentTag(String id, String key);

    /**
     * Creates a logged model (MLflow 3), PENDING until it is finalized.
     *
     * @param request experiment, name, type, source run, params and tags
     * @return the model, with its id and artifact location
     * @throws TrackingError RESOURCE_DOES_NOT_EXIST for an unknown experiment or source run
     */
    LoggedModel createLoggedModel(NewLoggedModel request);

    /**
     * Reads a logged model.
     *
     * @param modelId its id
     * @param allowDeleted whether a deleted model is found too
     * @return the model with its tags, params and metrics
     * @throws TrackingError RESOURCE_DOES_NOT_EXIST when there is none
     */
    LoggedModel loggedModel(String modelId, boolean allowDeleted);

    /**
     * Sets a logged model's final status. As in MLflow, a later call replaces the status.
     *
     * @param modelId an active model
     * @param status READY or UPLOAD_FAILED
     * @return the model
     */
    LoggedModel finalizeLoggedModel(String modelId, LoggedModelStatus status);

    /**
     * Marks a logged model deleted.
     *
     * @param modelId an active model
     */
    void deleteLoggedModel(String modelId);

    /**
     * Searches the active logged models of experiments.
     *
     * @param search experiments, filter, datasets, order and page
     * @return one page
     */
    Page<LoggedModel> searchLoggedModels(LoggedModelSearch search);

    /**
     * Sets or changes tags of a logged model.
     *
     * @param modelId an active model
     * @param tags the tags
     */
    void setLoggedModelTags(String modelId, List<Tag> tags);

    /**
     * Removes a tag of a logged model.
     *
     * @param modelId an active model
     * @param key the tag's key
     * @throws TrackingError RESOURCE_DOES_NOT_EXIST when there is no such tag
     */
    void deleteLoggedModelTag(String modelId, String key);

    /**
     * Sets params of a logged model.
     *
     * @param modelId an active model
     * @param params the params
     */
    void logLoggedModelParams(String modelId, List<Param> params);

    /**
     * Links metric points a run logged to logged models ({@code model_id} on a metric); the points
     * themselves are logged to the run as any other.
     *
     * @param runId an active run
     * @param metrics the points with their models
     */
    void logModelMetrics(String runId, List<ModelMetric> metrics);

    /**
     * Records the logged models a run produced (MLflow's {@code runs/outputs}).
     *
     * @param runId an active run
     * @param outputs the models
     */
    void logOutputs(String runId, List<ModelOutput> outputs);

    /**
     * Records that a logged model has an artifact file, replacing an earlier one at the same path.
     * The blob must already be stored.
     *
     * @param artifact the model, the path and the blob
     */
    void recordModelArtifact(ModelArtifact artifact);

    /**
     * A logged model's artifact file at a path, or all of them under a directory.
     *
     * @param modelId the model
     * @param path a file, a directory, or empty for the root
     * @return the files, ordered by path
     */
    List<ModelArtifact> modelArtifacts(String modelId, String path);
}
