package io.mlops.tracking.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlops.tracking.LoggedModel;
import io.mlops.tracking.ModelMetric;
import io.mlops.tracking.Param;
import io.mlops.tracking.Tag;

/** Logged models as MLflow's server writes them: {@code {"info": {...}, "data": {params, metrics}}}. */
final class LoggedModelJson {
    private LoggedModelJson() {}

    static ObjectNode model(LoggedModel model) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        ObjectNode info = node.putObject("info")
                .put("model_id", model.id())
                .put("experiment_id", model.experimentId())
                .put("name", model.name())
                .put("creation_timestamp_ms", model.creationTime())
                .put("last_updated_timestamp_ms", model.lastUpdatedTime())
                .put("artifact_uri", model.artifactLocation())
                .put("status", model.status().name());
        if (model.modelType() != null) {
            info.put("model_type", model.modelType());
        }
        if (model.sourceRunId() != null) {
            info.put("source_run_id", model.sourceRunId());
        }
        if (model.statusMessage() != null) {
            info.put("status_message", model.statusMessage());
        }
        if (!model.tags().isEmpty()) {
            ArrayNode tags = info.putArray("tags");
            for (Tag tag : model.tags()) {
                tags.addObject().put("key", tag.key()).put("value", tag.value());
            }
        }
        ObjectNode data = node.putObject("data");
        if (!model.params().isEmpty()) {
            ArrayNode params = data.putArray("params");
            for (Param param : model.params()) {
                params.addObject().put("key", param.key()).put("value", param.value());
            }
        }
        if (!model.metrics().isEmpty()) {
            ArrayNode metrics = data.putArray("metrics");
            for (ModelMetric point : model.metrics()) {
                ObjectNode metric = MlflowJson.metric(point.metric())
                        .put("model_id", point.modelId())
                        .put("run_id", point.runId());
                if (!point.datasetName().isEmpty()) {
                    metric.put("dataset_name", point.datasetName()).put("dataset_digest", point.datasetDigest());
                }
                metrics.add(metric);
            }
        }
        return node;
    }
}
