package io.mlops.tracking;

import io.mlops.store.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The logged models of {@link JdbcTrackingStore}, with MLflow 3's rules: ids {@code m-<hex>},
 * artifacts under {@code <experiment location>/models/<id>/artifacts}, names without
 * {@code / : . % " '}, and RESOURCE_DOES_NOT_EXIST for an unknown or deleted model.
 */
final class JdbcLoggedModels {
    private static final String BAD_NAME_CHARACTERS = "/:.%\"'";

    private final Database database;
    private final Clock clock;
    private final RunNames names;

    JdbcLoggedModels(Database database, Clock clock, RunNames names) {
        this.database = database;
        this.clock = clock;
        this.names = names;
    }

    LoggedModel create(NewLoggedModel request, long experimentId) {
        String name = request.name();
        if (name != null && name.chars().anyMatch(c -> BAD_NAME_CHARACTERS.indexOf(c) >= 0)) {
            throw TrackingError.invalid("Invalid model name ('" + name + "') provided. Model name must be a non-empty"
                    + " string and cannot contain the following characters: ('/', ':', '.', '%', '\"', \"'\")");
        }
        request.tags().forEach(tag -> LoggingRules.tag(tag, ""));
        request.params().forEach(param -> LoggingRules.param(param, ""));
        String id = "m-" + UUID.randomUUID().toString().replace("-", "");
        long now = clock.millis();
        return database.inTransaction(connection -> {
            Experiment experiment = ExperimentRows.byId(connection, experimentId)
                    .orElseThrow(() -> TrackingError.notFound("No Experiment with id=" + experimentId + " exists"));
            if (experiment.lifecycleStage() != LifecycleStage.ACTIVE) {
                throw TrackingError.invalid("The experiment " + experiment.id() + " must be in the 'active' state."
                        + " Current state is " + experiment.lifecycleStage().wireName() + ".");
            }
            if (request.sourceRunId() != null
                    && RunRows.info(connection, request.sourceRunId()).isEmpty()) {
                throw TrackingError.notFound("Run with id=" + request.sourceRunId() + " not found");
            }
            LoggedModel model = new LoggedModel(
                    id,
                    experiment.id(),
                    name != null ? name : names.next(),
                    experiment.artifactLocation() + "/models/" + id + "/artifacts",
                    now,
                    now,
                    LoggedModelStatus.LOGGED_MODEL_PENDING,
                    null,
                    LifecycleStage.ACTIVE,
                    request.modelType(),
                    request.sourceRunId(),
                    List.of(),
                    List.of(),
                    List.of());
            LoggedModelRows.insert(connection, model);
            LoggedModelRows.upsert(connection, "logged_model_tag", id, tagMap(request.tags()));
            LoggedModelRows.upsert(connection, "logged_model_param", id, paramMap(request.params()));
            return LoggedModelRows.find(connection, id).orElseThrow();
        });
    }

    LoggedModel get(String id, boolean allowDeleted) {
        return database.read(connection -> {
            LoggedModel model = LoggedModelRows.find(connection, id).orElseThrow(() -> notFound(id));
            if (!allowDeleted && model.lifecycleStage() != LifecycleStage.ACTIVE) {
                throw notFound(id);
            }
            return model;
        });
    }

    LoggedModel finalize(String id, LoggedModelStatus status) {
        return database.inTransaction(connection -> {
            active(connection, id);
            LoggedModelRows.update(connection, id, "status", status.name(), clock.millis());
            return LoggedModelRows.find(connection, id).orElseThrow();
        });
    }

    void delete(String id) {
        database.inTransaction(connection -> {
            active(connection, id);
            LoggedModelRows.update(
                    connection, id, "lifecycle_stage", LifecycleStage.DELETED.wireName(), clock.millis());
            return null;
        });
    }

    void setTags(String id, List<Tag> tags) {
        tags.forEach(tag -> LoggingRules.tag(tag, ""));
        database.inTransaction(connection -> {
            active(connection, id);
            LoggedModelRows.upsert(connection, "logged_model_tag", id, tagMap(tags));
            return null;
        });
    }

    void deleteTag(String id, String key) {
        database.inTransaction(connection -> {
            active(connection, id);
            if (!LoggedModelRows.deleteTag(connection, id, key)) {
                throw TrackingError.notFound("No tag with key '" + key + "' found for logged model " + id + ".");
            }
            return null;
        });
    }

    void logParams(String id, List<Param> params) {
        params.forEach(param -> LoggingRules.param(param, ""));
        database.inTransaction(connection -> {
            active(connection, id);
            LoggedModelRows.upsert(connection, "logged_model_param", id, paramMap(params));
            return null;
        });
    }

    void logMetrics(Connection connection, List<ModelMetric> metrics) throws SQLException {
        for (String id : metrics.stream().map(ModelMetric::modelId).distinct().toList()) {
            active(connection, id);
        }
        LoggedModelRows.logMetrics(connection, metrics);
    }

    Page<LoggedModel> search(LoggedModelSearch search, List<Long> experimentIds) {
        if (search.maxResults() < 1) {
            throw TrackingError.invalid("Invalid value " + search.maxResults()
                    + " for parameter 'max_results' supplied. It must be a positive integer.");
        }
        if (experimentIds.isEmpty()) {
            return new Page<>(List.of(), null);
        }
        int offset = PageToken.offset(search.pageToken());
        BoundSql query = new LoggedModelQuery(database.dialect()).ids(search, experimentIds, offset);
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
            return new Page<>(
                    LoggedModelRows.byIds(connection, page), more ? PageToken.at(offset + search.maxResults()) : null);
        });
    }

    void recordArtifact(ModelArtifact artifact) {
        database.inTransaction(connection -> {
            active(connection, artifact.modelId());
            LoggedModelRows.recordArtifact(connection, artifact, clock.millis());
            return null;
        });
    }

    List<ModelArtifact> artifacts(String id, String path) {
        return database.read(connection -> LoggedModelRows.artifacts(connection, id, path));
    }

    static LoggedModel requireActive(Connection connection, String id) throws SQLException {
        return active(connection, id);
    }

    private static LoggedModel active(Connection connection, String id) throws SQLException {
        LoggedModel model = LoggedModelRows.find(connection, id).orElseThrow(() -> notFound(id));
        if (model.lifecycleStage() != LifecycleStage.ACTIVE) {
            throw notFound(id);
        }
        return model;
    }

    static TrackingError notFound(String id) {
        return TrackingError.notFound("Logged model with ID '" + id + "' not found.");
    }

    private static Map<String, String> tagMap(List<Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        tags.forEach(tag -> map.put(tag.key(), tag.value()));
        return map;
    }

    private static Map<String, String> paramMap(List<Param> params) {
        Map<String, String> map = new LinkedHashMap<>();
        params.forEach(param -> map.put(param.key(), param.value()));
        return map;
    }
}
