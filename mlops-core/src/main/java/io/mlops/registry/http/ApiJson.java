package io.mlops.registry.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlops.registry.AuditEntry;
import io.mlops.registry.Deployment;
import io.mlops.registry.Lineage;
import io.mlops.registry.ModelVersion;
import io.mlops.registry.RegisteredModel;
import io.mlops.registry.RunLineage;
import io.mlops.registry.SnapshotLineage;
import io.mlops.registry.StageChange;
import io.mlops.tracking.http.Json;
import java.util.Map;
import java.util.TreeMap;

/**
 * The registry API's JSON shapes (docs: registry-openapi.yaml): models, versions, deployments,
 * audit entries, lineage and stage changes. Numbers that JSON cannot carry (NaN, infinities) are
 * left out of metric maps rather than written as invalid JSON.
 */
final class ApiJson {
    private ApiJson() {}

    static ObjectNode model(RegisteredModel model, int versionCount, Integer latestVersion) {
        ObjectNode node =
                Json.MAPPER.createObjectNode().put("name", model.name()).put("description", model.description());
        ObjectNode tags = node.putObject("tags");
        new TreeMap<>(model.tags()).forEach(tags::put);
        ObjectNode aliases = node.putObject("aliases");
        new TreeMap<>(model.aliases()).forEach(aliases::put);
        if (latestVersion == null) {
            node.putNull("latestVersion");
        } else {
            node.put("latestVersion", latestVersion);
        }
        return node.put("versionCount", versionCount).put("lastUpdatedAt", model.lastUpdatedAt());
    }

    static ObjectNode version(ModelVersion version) {
        ObjectNode node = Json.MAPPER.createObjectNode().put("version", version.version());
        node.putObject("source")
                .put("uri", version.source().uri())
                .put("sha256", version.source().sha256())
                .put("sizeBytes", version.source().sizeBytes());
        node.put("runId", version.runId());
        ArrayNode snapshots = node.putArray("snapshotIds");
        version.snapshotIds().forEach(snapshots::add);
        metrics(node.putObject("metrics"), version.metrics());
        ObjectNode card = node.putObject("card")
                .put("inputs", version.card().inputs())
                .put("outputs", version.card().outputs());
        if (version.card().opset() == null) {
            card.putNull("opset");
        } else {
            card.put("opset", version.card().opset());
        }
        node.put("description", version.description())
                .put("status", version.status().name())
                .put("createdBy", version.createdBy())
                .put("createdAt", version.createdAt());
        ArrayNode aliases = node.putArray("aliases");
        version.aliases().forEach(aliases::add);
        return node;
    }

    static ObjectNode deployment(Deployment deployment) {
        return Json.MAPPER
                .createObjectNode()
                .put("version", deployment.version())
                .put("backend", deployment.backend())
                .put("node", deployment.node())
                .put("endpoint", deployment.endpoint())
                .put("status", deployment.status().name())
                .put("updatedAt", deployment.updatedAt());
    }

    static ObjectNode audit(AuditEntry entry) {
        return Json.MAPPER
                .createObjectNode()
                .put("id", entry.id())
                .put("action", entry.action().name())
                .put("actor", entry.actor())
                .put("at", entry.at())
                .put("from", entry.from())
                .put("to", entry.to())
                .put("reason", entry.reason());
    }

    static ObjectNode lineage(Lineage lineage) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        RunLineage run = lineage.run();
        if (run == null) {
            node.putNull("run");
        } else {
            ObjectNode runNode = node.putObject("run")
                    .put("id", run.runId())
                    .put("name", run.name())
                    .put("experiment", run.experimentId())
                    .put("status", run.status())
                    .put("gitCommit", run.gitCommit());
            ObjectNode params = runNode.putObject("params");
            new TreeMap<>(run.params()).forEach(params::put);
            metrics(runNode.putObject("metrics"), run.metrics());
        }
        ArrayNode snapshots = node.putArray("snapshots");
        for (SnapshotLineage snapshot : lineage.snapshots()) {
            ObjectNode item =
                    snapshots.addObject().put("id", snapshot.snapshotId()).put("path", snapshot.sourcePath());
            if (snapshot.fileCount() == null) {
                item.putNull("files");
            } else {
                item.put("files", snapshot.fileCount());
            }
            if (snapshot.totalBytes() == null) {
                item.putNull("bytes");
            } else {
                item.put("bytes", snapshot.totalBytes());
            }
            item.put("gitCommit", snapshot.gitCommit());
        }
        ArrayNode deployments = node.putArray("deployments");
        lineage.deployments().forEach(d -> deployments.add(deployment(d)));
        return node;
    }

    static ObjectNode stage(StageChange change) {
        ObjectNode node = Json.MAPPER.createObjectNode().put("alias", change.alias());
        if (change.version() == null) {
            node.putNull("version");
        } else {
            node.put("version", change.version());
        }
        if (change.previous() == null) {
            node.putNull("previous");
        } else {
            node.put("previous", change.previous());
        }
        return node.put("kind", change.kind().name())
                .put("actor", change.actor())
                .put("at", change.at())
                .put("reason", change.reason());
    }

    private static void metrics(ObjectNode target, Map<String, Double> metrics) {
        new TreeMap<>(metrics).forEach((key, value) -> {
            if (Double.isFinite(value)) {
                target.put(key, value);
            }
        });
    }
}
