package io.mlops.registry;

import io.mlops.error.UserError;
import java.util.List;
import java.util.Map;

/**
 * The model registry: registered models, their numbered versions, aliases that point at
 * versions, deployments, lineage and the audit log of every change.
 *
 * <p>Every change runs in one transaction, is appended to the audit log with its {@link Change},
 * and is then told to the {@linkplain #listeners() listeners}. Unknown models, versions and aliases
 * fail with a {@link UserError} naming what is missing.
 */
public interface ModelRegistry {
    /**
     * Creates a registered model.
     *
     * @param name its unique name
     * @param description what it is for, or null
     * @param tags its labels
     * @param change who creates it
     * @return the new model
     * @throws UserError when a model of that name exists
     */
    RegisteredModel createModel(String name, String description, Map<String, String> tags, Change change);

    /**
     * Finds a registered model.
     *
     * @param name its name
     * @return the model with its tags and aliases
     * @throws UserError when there is none of that name
     */
    RegisteredModel model(String name);

    /**
     * Lists registered models by name.
     *
     * @param nameContains a part of the name to look for (case-insensitive); empty for all
     * @return the models, sorted by name
     */
    List<RegisteredModel> models(String nameContains);

    /**
     * Lists one page of registered models by name, each with its version count and newest version,
     * and how many match in all.
     *
     * @param nameContains a part of the name to look for (case-insensitive); empty for all
     * @param limit the most models on the page, at least 1
     * @param offset how many matching models to skip, at least 0
     * @return the page
     */
    ModelListing models(String nameContains, int limit, int offset);

    /**
     * Changes a model's description.
     *
     * @param name the model
     * @param description the new description
     * @param change who changes it
     * @return the model as it is now
     */
    RegisteredModel updateDescription(String name, String description, Change change);

    /**
     * Sets a tag of a model.
     *
     * @param name the model
     * @param key the tag's key
     * @param value the tag's value
     * @param change who sets it
     * @return the model as it is now
     */
    RegisteredModel setModelTag(String name, String key, String value, Change change);

    /**
     * Deletes a model with its versions, aliases and deployments; its audit log stays.
     *
     * @param name the model
     * @param change who deletes it
     */
    void deleteModel(String name, Change change);

    /**
     * Registers the next version of a model. A version from a run that names no data snapshots
     * takes the snapshots the run recorded as its inputs.
     *
     * @param version what to register
     * @param change who registers it
     * @return the new version, numbered one past the model's highest
     * @throws UserError when the model, or the run named, is unknown
     */
    ModelVersion registerVersion(NewVersion version, Change change);

    /**
     * The source of a run's artifact, to register it as a version.
     *
     * @param runId the tracking run
     * @param path the artifact's path under the run's artifact root
     * @return the artifact as a source, {@code runs:/<run id>/<path>} with the blob's hash
     * @throws UserError when the run or the artifact is unknown
     */
    SourceArtifact runArtifact(String runId, String path);

    /**
     * Resolves a source that names an MLflow model directory of this store: {@code runs:/<run>/<path>},
     * {@code models:/<logged model id>} or an {@code mlflow-artifacts:/} URI of a run's or a logged
     * model's artifacts.
     *
     * @param source the URI
     * @return the directory's files, fixed by their hashes, and the run that produced it
     * @throws UserError when the URI is malformed, escapes its root, or names no directory with an MLmodel
     * @throws UnknownRegistryEntry when the run or logged model is unknown
     */
    ModelDirectory modelDirectory(String source);

    /**
     * Registers a version that is an MLflow model directory; its files are kept with the version.
     *
     * @param version the request; its source must be {@code directory.source()}
     * @param directory the files
     * @param change who registers it, and why
     * @return the new version
     */
    ModelVersion registerVersion(NewVersion version, ModelDirectory directory, Change change);

    /**
     * The files of a version that is an MLflow model directory.
     *
     * @param model the model
     * @param version its number
     * @return the files, ordered by path; empty for a version that is a single file
     */
    List<VersionFile> versionFiles(String model, int version);

    /**
     * Finds a version.
     *
     * @param model the model
     * @param version its number
     * @return the version
     */
    ModelVersion version(String model, int version);

    /**
     * Lists a model's versions.
     *
     * @param model the model
     * @return its versions, by number
     */
    List<ModelVersion> versions(String model);

    /**
     * Changes the description of a version, the one part of a version that may change.
     *
     * @param model the model
     * @param version the version
     * @param description the new description
     * @param change who changes it
     * @return the version as it is now
     */
    ModelVersion updateVersionDescription(String model, int version, String description, Change change);

    /**
     * Archives a version: it stays, but no alias may move to it.
     *
     * @param model the model
     * @param version the version
     * @param change who archives it and why
     * @return the archived version
     * @throws UserError when an alias still points at it
     */
    ModelVersion archive(String model, int version, Change change);

    /**
     * Sets an alias to a version, or moves it there from another.
     *
     * @param model the model
     * @param alias the alias
     * @param version the version it is to point at
     * @param change who moves it and why
     * @return the version it points at now
     * @throws UserError when the version is unknown or archived
     */
    ModelVersion setAlias(String model, AliasName alias, int version, Change change);

    /**
     * Removes an alias.
     *
     * @param model the model
     * @param alias the alias
     * @param change who removes it and why
     */
    void deleteAlias(String model, AliasName alias, Change change);

    /**
     * The version an alias points at.
     *
     * @param model the model
     * @param alias the alias
     * @return the version
     * @throws UserError when the model has no such alias
     */
    ModelVersion versionByAlias(String model, AliasName alias);

    /**
     * Moves an alias back to the version it held before its last move; rolling back again goes
     * further back.
     *
     * @param model the model
     * @param alias the alias
     * @param change who rolls back and why
     * @return the version it points at now
     * @throws UserError when the alias held no version before, or that version is archived
     */
    ModelVersion rollback(String model, AliasName alias, Change change);

    /**
     * Records a deployment of a version, or a new state of the deployment on its backend and node.
     *
     * @param deployment the deployment as it is now
     * @param change who deployed it
     * @return the deployment
     */
    Deployment recordDeployment(Deployment deployment, Change change);

    /**
     * Records news about a model that changes none of the registry's entries: an alert on one of its
     * deployments, or labeling progress on its training data. The event joins the event stream and is
     * queued for the subscribed webhooks in one transaction, like every change, and is then told to
     * the listeners. The model need not be registered yet.
     *
     * @param event an {@link RegistryEvent.AlertChanged} or a {@link RegistryEvent.LabelingProgressed}
     * @throws IllegalArgumentException for an event that only the registry's own changes raise
     */
    void announce(RegistryEvent event);

    /**
     * Lists where a model is deployed.
     *
     * @param model the model
     * @return one deployment per backend and node, by backend and node
     */
    List<Deployment> deployments(String model);

    /**
     * The audit log of a model, including that of a deleted model.
     *
     * @param model the model's name
     * @return its entries, oldest first
     */
    List<AuditEntry> audit(String model);

    /**
     * Where a version came from and where it went.
     *
     * @param model the model
     * @param version the version
     * @return its run, data snapshots, git commits and deployments
     */
    Lineage lineage(String model, int version);

    /**
     * The listeners told about this registry's changes.
     *
     * @return the listeners, to add to
     */
    RegistryListeners listeners();

    /**
     * The tags of a version, set through MLflow's protocol.
     *
     * @param model the model
     * @param version the version
     * @return the tags by key, sorted
     */
    Map<String, String> versionTags(String model, int version);

    /**
     * Sets a tag of a version.
     *
     * @param model the model
     * @param version the version
     * @param key the tag
     * @param value its value
     * @param change who sets it
     * @return the version
     */
    ModelVersion setVersionTag(String model, int version, String key, String value, Change change);

    /**
     * Deletes a tag of a version; deleting a tag the version does not have is a no-op, as in MLflow.
     *
     * @param model the model
     * @param version the version
     * @param key the tag
     * @param change who deletes it
     */
    void deleteVersionTag(String model, int version, String key, Change change);

    /**
     * Deletes a tag of a model; deleting a tag the model does not have is a no-op, as in MLflow.
     *
     * @param name the model
     * @param key the tag
     * @param change who deletes it
     */
    void deleteModelTag(String name, String key, Change change);

    /**
     * The MLflow stage of a version: {@code None}, {@code Staging}, {@code Production} or
     * {@code Archived}. Stages are MLflow's older workflow; the suite's aliases are independent of them.
     *
     * @param model the model
     * @param version the version
     * @return the stage
     */
    String versionStage(String model, int version);

    /**
     * Moves a version to an MLflow stage.
     *
     * @param model the model
     * @param version the version
     * @param stage {@code None}, {@code Staging}, {@code Production} or {@code Archived}
     * @param archiveExisting whether the other versions in {@code Staging} or {@code Production} move
     *     to {@code Archived}
     * @param change who moves it
     * @return the version
     */
    ModelVersion transitionStage(String model, int version, String stage, boolean archiveExisting, Change change);

    /**
     * Deletes a version, with its aliases, tags and lineage; its number is not used again.
     *
     * @param model the model
     * @param version the version
     * @param change who deletes it
     */
    void deleteVersion(String model, int version, Change change);

    /**
     * Renames a model, with its versions, aliases, tags, deployments and webhooks.
     *
     * @param name the model
     * @param newName its new name, not taken
     * @param change who renames it
     * @return the model under its new name
     */
    RegisteredModel renameModel(String name, String newName, Change change);
}
