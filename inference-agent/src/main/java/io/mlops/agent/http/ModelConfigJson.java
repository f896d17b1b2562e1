package io.mlops.agent.http;

import io.mlops.agent.serve.ModelConfig;
import io.mlops.agent.serve.ModelMetadata;
import io.mlops.agent.serve.SchedulingPolicy;
import io.mlops.protocol.v2.TensorSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model version's configuration as the JSON of Triton's {@code GET /v2/models/{name}/config}:
 * the fields of Triton's {@code model_config.proto} perf_analyzer and model_analyzer read (name,
 * platform, backend, max_batch_size, input, output, dynamic_batching, instance_group,
 * version_policy), with Triton's field names.
 */
final class ModelConfigJson {
    private ModelConfigJson() {}

    /**
     * The configuration's JSON object.
     *
     * @param config the configuration
     * @return the object to serialize
     */
    static Map<String, Object> of(ModelConfig config) {
        ModelMetadata metadata = config.metadata();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", metadata.name());
        body.put("platform", metadata.platform());
        body.put("backend", config.backend());
        body.put("version_policy", versionPolicy(metadata.versions()));
        body.put("max_batch_size", config.maxBatchSize());
        body.put(
                "input",
                metadata.inputs().stream()
                        .map(spec -> tensor(config, spec, null))
                        .toList());
        body.put(
                "output",
                metadata.outputs().stream()
                        .map(spec -> tensor(config, spec, config.labelFile()))
                        .toList());
        SchedulingPolicy scheduling = config.scheduling();
        if (config.batchDimension() && scheduling.dynamicBatching()) {
            Map<String, Object> batching = new LinkedHashMap<>();
            batching.put("preferred_batch_size", List.of());
            batching.put("max_queue_delay_microseconds", scheduling.maxQueueDelayMicros());
            body.put("dynamic_batching", batching);
        }
        Map<String, Object> group = new LinkedHashMap<>();
        group.put("name", metadata.name());
        group.put("kind", config.instanceKind());
        group.put("count", scheduling.instances());
        group.put("gpus", config.gpus());
        body.put("instance_group", List.of(group));
        return body;
    }

    /**
     * The versions served as Triton's version policy: the specific versions when all are numbers
     * (Triton's versions are), else all.
     */
    static Map<String, Object> versionPolicy(List<String> versions) {
        boolean numeric = !versions.isEmpty()
                && versions.stream()
                        .allMatch(v ->
                                !v.isEmpty() && v.length() < 19 && v.chars().allMatch(Character::isDigit));
        if (!numeric) {
            return Map.of("all", Map.of());
        }
        return Map.of(
                "specific",
                Map.of("versions", versions.stream().map(Long::parseLong).toList()));
    }

    private static Map<String, Object> tensor(ModelConfig config, TensorSpec spec, String labelFile) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", spec.name());
        body.put("data_type", ModelConfig.tritonType(spec));
        body.put("dims", config.dims(spec));
        if (labelFile != null) {
            body.put("label_filename", labelFile);
        }
        return body;
    }
}
