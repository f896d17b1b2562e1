package io.mlops.registry.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlops.json.Json;
import io.mlops.registry.ModelVersion;
import io.mlops.registry.RegistryEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The body MLflow 3 delivers for a webhook event: {@code {"entity", "action", "timestamp",
 * "data"}}, with MLflow's data of each event (for {@code model_version.created}: name, version,
 * source, run_id, tags, description; for an alias: name, alias and, when created, version).
 */
final class MlflowWebhookPayload {
    private static final ObjectMapper JSON = Json.mapper();

    private MlflowWebhookPayload() {}

    static byte[] of(RegistryEvent event, String mlflowEvent, long at) {
        ObjectNode data = JSON.createObjectNode();
        switch (event) {
            case RegistryEvent.VersionCreated created -> {
                ModelVersion version = created.version();
                data.put("name", version.model())
                        .put("version", String.valueOf(version.version()))
                        .put("source", version.source().uri())
                        .put("run_id", version.runId())
                        .put("description", version.description());
                data.putObject("tags");
            }
            case RegistryEvent.AliasMoved moved -> {
                data.put("name", moved.model()).put("alias", moved.alias().toString());
                if (moved.to() != null) {
                    data.put("version", String.valueOf(moved.to()));
                }
            }
            case RegistryEvent.DeploymentChanged changed -> data.put("name", changed.model());
            case RegistryEvent.AlertChanged alert -> data.put("name", alert.model());
            case RegistryEvent.LabelingProgressed progress -> data.put("name", progress.model());
        }
        return body(mlflowEvent, at, data);
    }

    /**
     * The body of a test delivery: MLflow's example data of an event.
     *
     * @param mlflowEvent the event
     * @param at the time
     * @return the body
     */
    static byte[] example(String mlflowEvent, long at) {
        ObjectNode data = JSON.createObjectNode().put("name", "example_model");
        if (mlflowEvent.startsWith("model_version_alias.")) {
            data.put("alias", "example_alias");
            if (mlflowEvent.endsWith(".created")) {
                data.put("version", "1");
            }
        } else {
            data.put("version", "1")
                    .put("source", "models:/123")
                    .put("run_id", "abcd1234abcd5678")
                    .put("description", "An example model version");
            data.putObject("tags").put("example_key", "example_value");
        }
        return body(mlflowEvent, at, data);
    }

    private static byte[] body(String mlflowEvent, long at, ObjectNode data) {
        int dot = mlflowEvent.indexOf('.');
        ObjectNode body = JSON.createObjectNode()
                .put("entity", mlflowEvent.substring(0, dot))
                .put("action", mlflowEvent.substring(dot + 1))
                .put("timestamp", Instant.ofEpochMilli(at).toString());
        body.set("data", data);
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }
}
