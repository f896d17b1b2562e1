package io.mlops.tracking.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlops.tracking.Dataset;
import io.mlops.tracking.DatasetInput;
import io.mlops.tracking.LoggingRules;
import io.mlops.tracking.Metric;
import io.mlops.tracking.ModelMetric;
import io.mlops.tracking.Param;
import io.mlops.tracking.Tag;
import io.mlops.tracking.TrackingError;
import io.mlops.tracking.TrackingStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a run logs: {@code runs/log-batch}, {@code log-metric}, {@code log-parameter},
 * {@code set-tag}, {@code delete-tag} and {@code log-inputs}.
 */
final class LoggingEndpoints {
    private final TrackingStore store;

    LoggingEndpoints(TrackingStore store) {
        this.store = store;
    }

    void addTo(Routes routes) {
        routes.add("POST", "runs/log-batch", this::logBatch)
                .add("POST", "runs/log-metric", this::logMetric)
                .add("POST", "runs/log-parameter", this::logParam)
                .add("POST", "runs/set-tag", this::setTag)
                .add("POST", "runs/delete-tag", this::deleteTag)
                .add("POST", "runs/log-inputs", this::logInputs);
    }

    private ObjectNode logBatch(ApiRequest request) {
        LoggingRules.batchRequestSize(request.bodyLength());
        String runId = request.requiredString("run_id");
        List<Metric> metrics = new ArrayList<>();
        List<ModelMetric> linked = new ArrayList<>();
        List<ApiRequest> metricFields = request.messages("metrics");
        for (int i = 0; i < metricFields.size(); i++) {
            ApiRequest metric = metricFields.get(i);
            String path = "metrics[" + i + "]";
            required(metric, "key", path);
            required(metric, "value", path);
            required(metric, "timestamp", path);
            Long step = metric.int64("step");
            Metric point = new Metric(
                    metric.string("key", ""),
                    metric.requiredDouble("value"),
                    metric.requiredInt64("timestamp"),
                    step == null ? 0 : step);
            metrics.add(point);
            linked(runId, point, metric).ifPresent(linked::add);
        }
        List<Param> params = new ArrayList<>();
        List<ApiRequest> paramFields = request.messages("params");
        for (int i = 0; i < paramFields.size(); i++) {
            required(paramFields.get(i), "key", "params[" + i + "]");
            params.add(new Param(
                    paramFields.get(i).string("key", ""), paramFields.get(i).string("value", "")));
        }
        List<Tag> tags = new ArrayList<>();
        List<ApiRequest> tagFields = request.messages("tags");
        for (int i = 0; i < tagFields.size(); i++) {
            required(tagFields.get(i), "key", "tags[" + i + "]");
            tags.add(
                    new Tag(tagFields.get(i).string("key", ""), tagFields.get(i).string("value", "")));
        }
        store.logBatch(runId, metrics, params, tags);
        store.logModelMetrics(runId, linked);
        return Json.empty();
    }

    /** The point as linked to a logged model, when the request names one ({@code model_id}). */
    private static Optional<ModelMetric> linked(String runId, Metric point, ApiRequest fields) {
        String modelId = fields.string("model_id", "");
        if (modelId.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ModelMetric(
                modelId, runId, point, fields.string("dataset_name", ""), fields.string("dataset_digest", "")));
    }

    private static void required(ApiRequest message, String field, String path) {
        if (!message.present(field)) {
            throw ApiRequest.missing(path + "." + field);
        }
    }

    private ObjectNode logMetric(ApiRequest request) {
        String runId = request.runId();
        String key = request.requiredString("key");
        double value = request.requiredDouble("value");
        long timestamp = request.requiredInt64("timestamp");
        Long step = request.int64("step");
        Metric point = new Metric(key, value, timestamp, step == null ? 0 : step);
        store.logMetric(runId, point);
        linked(runId, point, request).ifPresent(metric -> store.logModelMetrics(runId, List.of(metric)));
        return Json.empty();
    }

    private ObjectNode logParam(ApiRequest request) {
        String runId = request.runId();
        store.logParam(runId, new Param(request.requiredString("key"), request.string("value", "")));
        return Json.empty();
    }

    private ObjectNode setTag(ApiRequest request) {
        String runId = request.runId();
        store.setTag(runId, new Tag(request.requiredString("key"), request.string("value", "")));
        return Json.empty();
    }

    private ObjectNode deleteTag(ApiRequest request) {
        store.deleteTag(request.requiredString("run_id"), request.requiredString("key"));
        return Json.empty();
    }

    private ObjectNode logInputs(ApiRequest request) {
        String runId = request.requiredString("run_id");
        List<DatasetInput> inputs = new ArrayList<>();
        for (ApiRequest input : request.messages("datasets")) {
            ApiRequest dataset = input.message("dataset");
            if (dataset == null) {
                throw TrackingError.invalid("Dataset cannot be None");
            }
            List<Tag> tags = new ArrayList<>();
            for (ApiRequest tag : input.messages("tags")) {
                if (!tag.present("key")) {
                    throw TrackingError.invalid("InputTag key cannot be None");
                }
                tags.add(new Tag(tag.string("key", ""), tag.string("value", "")));
            }
            inputs.add(new DatasetInput(
                    new Dataset(
                            datasetField(dataset, "name"),
                            datasetField(dataset, "digest"),
                            datasetField(dataset, "source_type"),
                            datasetField(dataset, "source"),
                            dataset.string("schema", null),
                            dataset.string("profile", null)),
                    tags));
        }
        store.logInputs(runId, inputs);
        return Json.empty();
    }

    private static String datasetField(ApiRequest dataset, String field) {
        String value = dataset.string(field, null);
        if (value == null) {
            throw TrackingError.invalid("Dataset " + field + " cannot be None");
        }
        return value;
    }
}
