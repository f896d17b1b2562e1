package io.mlops.registry.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlops.json.Json;
import io.mlops.registry.Deployment;
import io.mlops.registry.ModelVersion;
import io.mlops.registry.RegistryEvent;

/**
 * The JSON body POSTed for a registry event: {@code event}, {@code delivery}, {@code model},
 * {@code actor}, {@code reason}, {@code at}, and the event's own object ({@code version},
 * {@code alias}, {@code deployment}, {@code alert} or {@code labeling}). Its bytes are what the signature covers.
 */
final class WebhookPayload {
    private static final ObjectMapper JSON = Json.mapper();

    private WebhookPayload() {}

    static byte[] of(RegistryEvent event, String deliveryId, long at) {
        ObjectNode body = JSON.createObjectNode()
                .put("event", WebhookEvent.of(event).name())
                .put("delivery", deliveryId)
                .put("model", event.model())
                .put("actor", event.change().actor())
                .put("reason", event.change().reason())
                .put("at", at);
        switch (event) {
            case RegistryEvent.VersionCreated created -> version(body.putObject("version"), created.version());
            case RegistryEvent.AliasMoved moved -> {
                ObjectNode alias =
                        body.putObject("alias").put("name", moved.alias().value());
                alias.put("from", moved.from());
                alias.put("to", moved.to());
                alias.put("rollback", moved.rollback());
            }
            case RegistryEvent.DeploymentChanged changed -> {
                deployment(body.putObject("deployment"), changed.deployment());
                if (changed.previous() == null) {
                    body.putNull("previous");
                } else {
                    deployment(body.putObject("previous"), changed.previous());
                }
            }
            case RegistryEvent.AlertChanged alert ->
                body.putObject("alert")
                        .put("version", alert.version())
                        .put("endpoint", alert.endpoint())
                        .put("rule", alert.rule())
                        .put("kind", alert.kind())
                        .put("firing", alert.firing())
                        .put("value", alert.value())
                        .put("limit", alert.limit())
                        .put("detail", alert.detail());
            case RegistryEvent.LabelingProgressed progress ->
                body.putObject("labeling")
                        .put("tool", progress.tool())
                        .put("project", progress.project())
                        .put("finishedTasks", progress.finishedTasks())
                        .put("totalTasks", progress.totalTasks());
        }
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a webhook payload could not be written", e);
        }
    }

    private static void version(ObjectNode node, ModelVersion version) {
        node.put("version", version.version())
                .put("uri", version.source().uri())
                .put("sha256", version.source().sha256())
                .put("sizeBytes", version.source().sizeBytes())
                .put("runId", version.runId())
                .put("createdBy", version.createdBy())
                .put("createdAt", version.createdAt());
        ObjectNode metrics = node.putObject("metrics");
        version.metrics().forEach((key, value) -> {
            if (Double.isFinite(value)) {
                metrics.put(key, value);
            }
        });
    }

    private static void deployment(ObjectNode node, Deployment deployment) {
        node.put("version", deployment.version())
                .put("backend", deployment.backend())
                .put("node", deployment.node())
                .put("endpoint", deployment.endpoint())
                .put("status", deployment.status().name())
                .put("updatedAt", deployment.updatedAt());
    }
}
