package io.mlops.tracking.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlops.tracking.Dataset;
import io.mlops.tracking.DatasetInput;
import io.mlops.tracking.Experiment;
import io.mlops.tracking.FileInfo;
import io.mlops.tracking.Metric;
import io.mlops.tracking.Param;
import io.mlops.tracking.Run;
import io.mlops.tracking.RunInfo;
import io.mlops.tracking.Tag;
import java.util.List;

/**
 * Tracking entities as MLflow's server writes them (protobuf JSON with field names as in the
 * .proto, int64 as JSON numbers, doubles that are not finite as the strings {@code "NaN"},
 * {@code "Infinity"} and {@code "-Infinity"}, empty lists left out).
 */
final class MlflowJson {
    private MlflowJson() {}

    static ObjectNode experiment(Experiment experiment) {
        ObjectNode node = Json.MAPPER
                .createObjectNode()
                .put("experiment_id", experiment.id())
                .put("name", experiment.name())
                .put("artifact_location", experiment.artifactLocation())
                .put("lifecycle_stage", experiment.lifecycleStage().wireName())
                .put("last_update_time", experiment.lastUpdateTime())
                .put("creation_time", experiment.creationTime());
        tags(node, "tags", experiment.tags());
        return node;
    }

    static ObjectNode run(Run run) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.set("info", runInfo(run.info()));
        ObjectNode data = node.putObject("data");
        if (!run.metrics().isEmpty()) {
            ArrayNode metrics = data.putArray("metrics");
            run.metrics().forEach(metric -> metrics.add(metric(metric)));
        }
        if (!run.params().isEmpty()) {
            ArrayNode params = data.putArray("params");
            for (Param param : run.params()) {
                params.addObject().put("key", param.key()).put("value", param.value());
            }
        }
        tags(data, "tags", run.tags());
        ObjectNode inputs = node.putObject("inputs");
        if (!run.inputs().isEmpty()) {
            ArrayNode datasets = inputs.putArray("dataset_inputs");
            run.inputs().forEach(input -> datasets.add(datasetInput(input)));
        }
        node.putObject("outputs");
        return node;
    }

    static ObjectNode runInfo(RunInfo info) {
        ObjectNode node = Json.MAPPER
                .createObjectNode()
                .put("run_id", info.runId())
                .put("run_uuid", info.runId())
                .put("run_name", info.runName())
                .put("experiment_id", info.experimentId())
                .put("user_id", info.userId())
                .put("status", info.status().name())
                .put("start_time", info.startTime());
        if (info.endTime() != null) {
            node.put("end_time", info.endTime());
        }
        return node.put("artifact_uri", info.artifactUri())
                .put("lifecycle_stage", info.lifecycleStage().wireName());
    }

    static ObjectNode metric(Metric metric) {
        ObjectNode node = Json.MAPPER.createObjectNode().put("key", metric.key());
        double value = metric.value();
        if (Double.isNaN(value)) {
            node.put("value", "NaN");
        } else if (Double.isInfinite(value)) {
            node.put("value", value > 0 ? "Infinity" : "-Infinity");
        } else {
            node.put("value", value);
        }
        return node.put("timestamp", metric.timestamp()).put("step", metric.step());
    }

    static ObjectNode fileInfo(FileInfo file) {
        ObjectNode node =
                Json.MAPPER.createObjectNode().put("path", file.path()).put("is_dir", file.directory());
        if (file.size() != null) {
            node.put("file_size", file.size());
        }
        return node;
    }

    private static ObjectNode datasetInput(DatasetInput input) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        tags(node, "tags", input.tags());
        Dataset dataset = input.dataset();
        ObjectNode data = node.putObject("dataset")
                .put("name", dataset.name())
                .put("digest", dataset.digest())
                .put("source_type", dataset.sourceType())
                .put("source", dataset.source());
        if (dataset.schema() != null) {
            data.put("schema", dataset.schema());
        }
        if (dataset.profile() != null) {
            data.put("profile", dataset.profile());
        }
        return node;
    }

    private static void tags(ObjectNode node, String field, List<Tag> tags) {
        if (tags.isEmpty()) {
            return;
        }
        ArrayNode array = node.putArray(field);
        for (Tag tag : tags) {
            array.addObject().put("key", tag.key()).put("value", tag.value());
        }
    }
}
