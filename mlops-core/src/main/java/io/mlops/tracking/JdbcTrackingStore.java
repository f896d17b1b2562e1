package io.mlops.tracking;

import io.mlops.store.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The tracking store in the suite's metadata database (SQLite or PostgreSQL), in SQL both
 * dialects understand; the schema is migration 3 of {@link io.mlops.store.Migrations#suite()}.
 *
 * <p>Each operation is one transaction, so a rejected batch leaves nothing behind, and writers in
 * several processes interleave safely: upserts resolve races on keys, a point logged twice is
 * stored once, and a param's first value wins.
 */
public final class JdbcTrackingStore implements TrackingStore {
    /** The tag that holds a run's name. */
    public static final String RUN_NAME_TAG = "mlflow.runName";

    private static final int CHUNK = 500;

    private final Database database;
    private final Clock clock;
    private final RunNames names;
    private final JdbcLoggedModels loggedModels;

    /**
     * Creates the store over a migrated database.
     *
     * @param database the suite's metadata database
     */
    public JdbcTrackingStore(Database database) {
        this(database, Clock.systemUTC(), new RunNames());
    }

    JdbcTrackingStore(Database database, Clock clock, RunNames names) {
        this.database = database;
        this.clock = clock;
        this.names = names;
        this.loggedModels = new JdbcLoggedModels(database, clock, names);
    }

    @Override
    public String createExperiment(String name, List<Tag> tags) {
        LoggingRules.experimentName(name);
        tags.forEach(LoggingRules::experimentTag);
        return database.inTransaction(connection -> {
            if (ExperimentRows.byName(connection, name).isPresent()) {
                throw alreadyExists(name);
            }
            long id;
            try {
                id = ExperimentRows.insert(connection, name, clock.millis());
            } catch (SQLException e) {
                if (uniqueViolation(e)) {
                    // Another process created it between our look-up and our insert.
                    throw alreadyExists(name);
                }
                throw e;
            }
            ExperimentRows.setTags(connection, id, tags);
            return Long.toString(id);
        });
    }

    @Override
    public Experiment experiment(String id) {
        long number = experimentNumber(id);
        return database.read(connection -> ExperimentRows.byId(connection, number))
                .orElseThrow(() -> TrackingError.notFound("No Experiment with id=" + number + " exists"));
    }

    @Override
    public Optional<Experiment> experimentByName(String name) {
        return database.read(connection -> ExperimentRows.byName(connection, name));
    }

    @Override
    public Page<Experiment> searchExperiments(ExperimentSearch search) {
        checkMaxResults(search.maxResults());
        int offset = PageToken.offset(search.pageToken());
        BoundSql query = new ExperimentQuery(database.dialect()).ids(search, offset);
        return database.read(connection -> {
            List<Long> ids = new ArrayList<>();
            try (var statement = query.prepare(connection);
                    var rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getLong(1));
                }
            }
            boolean more = ids.size() > search.maxResults();
            List<Long> page = more ? ids.subList(0, search.maxResults()) : ids;
            return new Page<>(
                    ExperimentRows.byIds(connection, page), more ? PageToken.at(offset + search.maxResults()) : null);
        });
    }

    @Override
    public Run createRun(NewRun request) {
        long experimentId = experimentNumber(request.experimentId());
        List<Tag> tags = new ArrayList<>(request.tags());
        tags.forEach(tag -> LoggingRules.tag(tag, ""));
        Optional<String> nameTag = tags.stream()
                .filter(tag -> tag.key().equals(RUN_NAME_TAG))
                .map(Tag::value)
                .reduce((first, last) -> last);
        String requested = request.runName() == null || request.runName().isEmpty() ? null : request.runName();
        if (requested != null && nameTag.isPresent() && !requested.equals(nameTag.get())) {
            throw TrackingError.invalid("Both 'run_name' argument and 'mlflow.runName' tag are specified, but with"
                    + " different values (run_name='" + requested + "', mlflow.runName='" + nameTag.get() + "').");
        }
        String runName = requested != null ? requested : nameTag.orElseGet(names::next);
        if (nameTag.isEmpty()) {
            tags.add(new Tag(RUN_NAME_TAG, runName));
        }
        String runId = UUID.randomUUID().toString().replace("-", "");
        long startTime = request.startTime() > 0 ? request.startTime() : clock.millis();
        return database.inTransaction(connection -> {
            Experiment experiment = ExperimentRows.byId(connection, experimentId)
                    .orElseThrow(() -> TrackingError.notFound("No Experiment with id=" + experimentId + " exists"));
            if (experiment.lifecycleStage() != LifecycleStage.ACTIVE) {
                throw TrackingError.invalid("The experiment " + experiment.id() + " must be in the 'active' state."
                        + " Current state is " + experiment.lifecycleStage().wireName() + ".");
            }
            RunInfo info = new RunInfo(
                    runId,
                    experiment.id(),
                    runName,
                    request.userId(),
                    RunStatus.RUNNING,
                    startTime,
                    null,
                    experiment.artifactLocation() + "/" + runId + "/artifacts",
                    LifecycleStage.ACTIVE);
            RunRows.insert(connection, info);
            TagRows.set(connection, runId, tags);
            return new Run(
                    info,
                    List.of(),
                    List.of(),
                    TagRows.of(connection, List.of(runId)).get(runId),
                    List.of());
        });
    }

    @Override
    public Run run(String runId) {
        return database.read(connection -> {
            List<Run> runs = load(connection, List.of(runId));
            if (runs.isEmpty()) {
                throw runNotFound(runId);
            }
            return runs.getFirst();
        });
    }

    @Override
    public RunInfo updateRun(String runId, RunStatus status, Long endTime, String runName) {
        return database.inTransaction(connection -> {
            RunInfo old = activeRun(connection, runId);
            boolean renamed = runName != null && !runName.isEmpty();
            RunInfo updated = new RunInfo(
                    old.runId(),
                    old.experimentId(),
                    renamed ? runName : old.runName(),
                    old.userId(),
                    status != null ? status : old.status(),
                    old.startTime(),
                    endTime != null ? endTime : old.endTime(),
                    old.artifactUri(),
                    old.lifecycleStage());
            RunRows.update(connection, updated);
            if (renamed) {
                TagRows.set(connection, runId, List.of(new Tag(RUN_NAME_TAG, runName)));
            }
            return updated;
        });
    }

    @Override
    public void deleteRun(String runId) {
        database.inTransaction(connection -> {
            existingRun(connection, runId);
            RunRows.setLifecycle(connection, runId, LifecycleStage.DELETED, clock.millis());
            return null;
        });
    }

    @Override
    public void restoreRun(String runId) {
        database.inTransaction(connection -> {
            existingRun(connection, runId);
            RunRows.setLifecycle(connection, runId, LifecycleStage.ACTIVE, null);
            return null;
        });
    }

    @Override
    public void logBatch(String runId, List<Metric> metrics, List<Param> params, List<Tag> tags) {
        LoggingRules.runId(runId);
        LoggingRules.batch(metrics, params, tags);
        write(runId, metrics, params, tags, true);
    }

    @Override
    public void logMetric(String runId, Metric metric) {
        LoggingRules.metric(metric, "");
        write(runId, List.of(metric), List.of(), List.of(), false);
    }

    @Override
    public void logParam(String runId, Param param) {
        LoggingRules.param(param, "");
        write(runId, List.of(), List.of(param), List.of(), false);
    }

    @Override
    public void setTag(String runId, Tag tag) {
        LoggingRules.tag(tag, "");
        write(runId, List.of(), List.of(), List.of(tag), false);
    }

    private void write(String runId, List<Metric> metrics, List<Param> params, List<Tag> tags, boolean batch) {
        database.inTransaction(connection -> {
            RunInfo run = activeRun(connection, runId);
            Map<String, String> conflicts = ParamRows.log(connection, runId, params);
            if (!conflicts.isEmpty()) {
                throw TrackingError.invalid(paramConflict(runId, params, conflicts, batch));
            }
            MetricRows.log(connection, runId, metrics);
            for (Tag tag : tags) {
                if (tag.key().equals(RUN_NAME_TAG)) {
                    RunRows.update(connection, renamed(run, tag.value()));
                }
            }
            TagRows.set(connection, runId, tags);
            return null;
        });
    }

    private static RunInfo renamed(RunInfo run, String name) {
        return new RunInfo(
                run.runId(),
                run.experimentId(),
                name,
                run.userId(),
                run.status(),
                run.startTime(),
                run.endTime(),
                run.artifactUri(),
                run.lifecycleStage());
    }

    private static String paramConflict(
            String runId, List<Param> params, Map<String, String> conflicts, boolean batch) {
        if (!batch) {
            Param param = params.getFirst();
            return "Changing param values is not allowed. Param with key='" + param.key()
                    + "' was already logged with value='" + conflicts.get(param.key()) + "' for run ID='" + runId
                    + "'. Attempted logging new value '" + param.value() + "'.";
        }
        String listed = params.stream()
                .filter(param -> conflicts.containsKey(param.key()))
                .map(param -> "{'key': " + PythonText.repr(param.key()) + ", 'old_value': "
                        + PythonText.repr(conflicts.get(param.key())) + ", 'new_value': "
                        + PythonText.repr(param.value()) + "}")
                .collect(Collectors.joining(", ", "[", "]"));
        return "Changing param values is not allowed. Params were already logged='" + listed + "' for run ID='" + runId
                + "'.";
    }

    @Override
    public void deleteTag(String runId, String key) {
        database.inTransaction(connection -> {
            activeRun(connection, runId);
            if (!TagRows.delete(connection, runId, key)) {
                throw TrackingError.notFound("No tag with name: " + key + " in run with id " + runId);
            }
            return null;
        });
    }

    @Override
    public void logInputs(String runId, List<DatasetInput> inputs) {
        LoggingRules.runId(runId);
        LoggingRules.inputs(inputs);
        database.inTransaction(connection -> {
            activeRun(connection, runId);
            InputRows.log(connection, runId, inputs);
            return null;
        });
    }

    @Override
    public Page<Metric> metricHistory(String runId, String key, Integer maxResults, String pageToken) {
        if (maxResults != null && maxResults <= 0) {
            throw TrackingError.invalid("Invalid value " + maxResults
                    + " for parameter 'max_results' supplied. It must be a positive integer.");
        }
        int offset = PageToken.offset(pageToken);
        return database.read(connection -> {
            existingRun(connection, runId);
            if (maxResults == null) {
                return new Page<>(MetricRows.history(connection, runId, key, offset, -1), null);
            }
            List<Metric> points = MetricRows.history(connection, runId, key, offset, maxResults + 1);
            boolean more = points.size() > maxResults;
            return new Page<>(
                    more ? points.subList(0, maxResults) : points, more ? PageToken.at(offset + maxResults) : null);
        });
    }

    @Override
    public Page<Run> searchRuns(RunSearch search) {
        checkMaxResults(search.maxResults());
        List<Long> experimentIds = search.experimentIds().stream()
                .map(JdbcTrackingStore::experimentNumber)
                .toList();
        if (experimentIds.isEmpty()) {
            return new Page<>(List.of(), null);
        }
        int offset = PageToken.offset(search.pageToken());
        BoundSql query = new RunQuery(database.dialect()).ids(search, experimentIds, offset);
        return database.read(connection -> {
            List<String> ids = new ArrayList<>();
            try (var statement = query.prepare(connection);
                    var rows = statement.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            boolean more = ids.size() > search.maxResults();
            List<String> page = more ? ids.subList(0, search.maxResults()) : ids;
            return new Page<>(load(connection, page), more ? PageToken.at(offset + search.maxResults()) : null);
        });
    }

    @Override
    public void recordArtifact(StoredArtifact artifact) {
        database.inTransaction(connection -> {
            existingRun(connection, artifact.runId());
            ArtifactRows.record(connection, artifact, clock.millis());
            return null;
        });
    }

    @Override
    public Optional<StoredArtifact> artifact(String runId, String path) {
        return database.read(connection -> ArtifactRows.find(connection, runId, path));
    }

    @Override
    public List<StoredArtifact> artifacts(String runId, String directory) {
        return database.read(connection -> ArtifactRows.under(connection, runId, directory));
    }

    @Override
    public LoggedModel createLoggedModel(NewLoggedModel request) {
        return loggedModels.create(request, experimentNumber(request.experimentId()));
    }

    @Override
    public LoggedModel loggedModel(String modelId, boolean allowDeleted) {
        return loggedModels.get(modelId, allowDeleted);
    }

    @Override
    public LoggedModel finalizeLoggedModel(String modelId, LoggedModelStatus status) {
        return loggedModels.finalize(modelId, status);
    }

    @Override
    public void deleteLoggedModel(String modelId) {
        loggedModels.delete(modelId);
    }

    @Override
    public Page<LoggedModel> searchLoggedModels(LoggedModelSearch search) {
        return loggedModels.search(
                search,
                search.experimentIds().stream()
                        .map(JdbcTrackingStore::experimentNumber)
                        .toList());
    }

    @Override
    public void setLoggedModelTags(String modelId, List<Tag> tags) {
        loggedModels.setTags(modelId, tags);
    }

    @Override
    public void deleteLoggedModelTag(String modelId, String key) {
        loggedModels.deleteTag(modelId, key);
    }

    @Override
    public void logLoggedModelParams(String modelId, List<Param> params) {
        loggedModels.logParams(modelId, params);
    }

    @Override
    public void logModelMetrics(String runId, List<ModelMetric> metrics) {
        if (metrics.isEmpty()) {
            return;
        }
        database.inTransaction(connection -> {
            activeRun(connection, runId);
            MetricRows.log(
                    connection, runId, metrics.stream().map(ModelMetric::metric).toList());
            loggedModels.logMetrics(connection, metrics);
            return null;
        });
    }

    @Override
    public void logOutputs(String runId, List<ModelOutput> outputs) {
        database.inTransaction(connection -> {
            activeRun(connection, runId);
            for (ModelOutput output : outputs) {
                loggedModels.requireActive(connection, output.modelId());
            }
            LoggedModelRows.logOutputs(connection, runId, outputs);
            return null;
        });
    }

    @Override
    public void recordModelArtifact(ModelArtifact artifact) {
        loggedModels.recordArtifact(artifact);
    }

    @Override
    public List<ModelArtifact> modelArtifacts(String modelId, String path) {
        return loggedModels.artifacts(modelId, path);
    }

    private static List<Run> load(Connection connection, List<String> runIds) throws SQLException {
        List<Run> runs = new ArrayList<>();
        for (int from = 0; from < runIds.size(); from += CHUNK) {
            List<String> chunk = runIds.subList(from, Math.min(runIds.size(), from + CHUNK));
            Map<String, RunInfo> infos = RunRows.infos(connection, chunk);
            Map<String, List<Metric>> metrics = MetricRows.latest(connection, chunk);
            Map<String, List<Param>> params = ParamRows.of(connection, chunk);
            Map<String, List<Tag>> tags = TagRows.of(connection, chunk);
            Map<String, List<DatasetInput>> inputs = InputRows.of(connection, chunk);
            for (String id : chunk) {
                RunInfo info = infos.get(id);
                if (info != null) {
                    runs.add(new Run(
                            info,
                            metrics.getOrDefault(id, List.of()),
                            params.getOrDefault(id, List.of()),
                            tags.getOrDefault(id, List.of()),
                            inputs.getOrDefault(id, List.of())));
                }
            }
        }
        return runs;
    }

    @Override
    public void deleteExperiment(String id) {
        long number = experimentNumber(id);
        database.inTransaction(connection -> {
            Experiment experiment = ExperimentRows.byId(connection, number)
                    .filter(found -> found.lifecycleStage() == LifecycleStage.ACTIVE)
                    .orElseThrow(() -> TrackingError.notFound("No Experiment with id=" + number + " exists"));
            ExperimentChanges.setLifecycle(connection, number, LifecycleStage.DELETED, clock.millis());
            return experiment;
        });
    }

    @Override
    public void restoreExperiment(String id) {
        long number = experimentNumber(id);
        database.inTransaction(connection -> {
            Experiment experiment = ExperimentRows.byId(connection, number)
                    .filter(found -> found.lifecycleStage() == LifecycleStage.DELETED)
                    .orElseThrow(() -> TrackingError.notFound("No Experiment with id=" + number + " exists"));
            ExperimentChanges.setLifecycle(connection, number, LifecycleStage.ACTIVE, clock.millis());
            return experiment;
        });
    }

    @Override
    public void renameExperiment(String id, String name) {
        long number = experimentNumber(id);
        LoggingRules.experimentName(name);
        database.inTransaction(connection -> {
            Experiment experiment = existingExperiment(connection, number);
            if (experiment.lifecycleStage() != LifecycleStage.ACTIVE) {
                throw new TrackingError(ErrorCode.INVALID_STATE, "Cannot rename a non-active experiment.");
            }
            if (experiment.name().equals(name)) {
                return experiment;
            }
            if (ExperimentRows.byName(connection, name).isPresent()) {
                throw alreadyExists(name);
            }
            try {
                ExperimentChanges.rename(connection, number, name, clock.millis());
            } catch (SQLException e) {
                if (uniqueViolation(e)) {
                    throw alreadyExists(name);
                }
                throw e;
            }
            return experiment;
        });
    }

    @Override
    public void setExperimentTag(String id, Tag tag) {
        long number = experimentNumber(id);
        LoggingRules.experimentTag(tag);
        database.inTransaction(connection -> {
            ExperimentChanges.checkActive(existingExperiment(connection, number));
            ExperimentRows.setTags(connection, number, List.of(tag));
            return null;
        });
    }

    @Override
    public void deleteExperimentTag(String id, String key) {
        long number = experimentNumber(id);
        database.inTransaction(connection -> {
            ExperimentChanges.checkActive(existingExperiment(connection, number));
            if (!ExperimentChanges.deleteTag(connection, number, key)) {
                throw TrackingError.notFound("No tag with name: " + key + " in experiment with id " + number);
            }
            return null;
        });
    }

    private static Experiment existingExperiment(Connection connection, long id) throws SQLException {
        return ExperimentRows.byId(connection, id)
                .orElseThrow(() -> TrackingError.notFound("No Experiment with id=" + id + " exists"));
    }

    private static RunInfo existingRun(Connection connection, String runId) throws SQLException {
        return RunRows.info(connection, runId).orElseThrow(() -> runNotFound(runId));
    }

    private static RunInfo activeRun(Connection connection, String runId) throws SQLException {
        RunInfo run = existingRun(connection, runId);
        if (run.lifecycleStage() != LifecycleStage.ACTIVE) {
            throw TrackingError.invalid("The run " + runId + " must be in the 'active' state. Current state is "
                    + run.lifecycleStage().wireName() + ".");
        }
        return run;
    }

    private static TrackingError runNotFound(String runId) {
        return TrackingError.notFound("Run with id=" + runId + " not found");
    }

    private static TrackingError alreadyExists(String name) {
        return new TrackingError(ErrorCode.RESOURCE_ALREADY_EXISTS, "Experiment(name=" + name + ") already exists.");
    }

    private static long experimentNumber(String id) {
        String value = id == null || id.isEmpty() ? Experiment.DEFAULT_ID : id;
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw TrackingError.invalid(
                    "Invalid experiment ID '" + value + "'. Experiment ID must be a valid integer.");
        }
    }

    private static void checkMaxResults(int maxResults) {
        if (maxResults < 1) {
            throw TrackingError.invalid("Invalid value " + maxResults
                    + " for parameter 'max_results' supplied. It must be a positive integer.");
        }
        if (maxResults > RunSearch.MAX_RESULTS) {
            throw TrackingError.invalid("Invalid value " + maxResults + " for parameter 'max_results' supplied."
                    + " It must be at most " + RunSearch.MAX_RESULTS + ".");
        }
    }

    private static boolean uniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState()) || (e.getErrorCode() & 0xff) == 19 /* SQLITE_CONSTRAINT */;
    }
}
