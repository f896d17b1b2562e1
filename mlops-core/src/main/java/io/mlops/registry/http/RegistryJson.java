package io.mlops.registry.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlops.registry.ModelVersion;
import io.mlops.registry.RegisteredModel;
import io.mlops.tracking.http.Json;
import java.util.Map;
import java.util.TreeMap;

/**
 * Registered models and versions in the JSON shape of MLflow's model-registry protocol
 * ({@code mlflow/protos/model_registry.proto}): version numbers as strings, stage {@code None},
 * status {@code READY}.
 */
final class RegistryJson {
    private RegistryJson() {}

    static ObjectNode model(RegisteredModel model, ModelVersion latest) {
        ObjectNode node = Json.MAPPER
                .createObjectNode()
                .put("name", model.name())
                .put("creation_timestamp", model.createdAt())
                .put("last_updated_timestamp", model.lastUpdatedAt())
                .put("description", model.description());
        if (latest != null) {
            node.putArray("latest_versions").add(version(latest));
        }
        ArrayNode tags = node.putArray("tags");
        new TreeMap<>(model.tags())
                .forEach((key, value) -> tags.addObject().put("key", key).put("value", value));
        ArrayNode aliases = node.putArray("aliases");
        for (Map.Entry<String, Integer> alias : new TreeMap<>(model.aliases()).entrySet()) {
            aliases.addObject().put("alias", alias.getKey()).put("version", String.valueOf(alias.getValue()));
        }
        return node;
    }

    static ObjectNode version(ModelVersion version) {
        ObjectNode node = Json.MAPPER
                .createObjectNode()
                .put("name", version.model())
                .put("version", String.valueOf(version.version()))
                .put("creation_timestamp", version.createdAt())
                .put("last_updated_timestamp", version.createdAt())
                .put("user_id", version.createdBy())
                .put("current_stage", "None")
                .put("description", version.description())
                .put("source", version.source().uri())
                .put("status", "READY");
        if (version.runId() != null) {
            node.put("run_id", version.runId());
        }
        ArrayNode tags = node.putArray("tags");
        tags.addObject()
                .put("key", "mlops.content_sha256")
                .put("value", version.source().sha256());
        tags.addObject()
                .put("key", "mlops.status")
                .put("value", version.status().name());
        ArrayNode aliases = node.putArray("aliases");
        version.aliases().forEach(aliases::add);
        return node;
    }
}
