package io.mlops.registry.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlops.registry.AuditEntry;
import io.mlops.registry.Lineage;
import io.mlops.registry.ModelListing;
import io.mlops.registry.ModelRegistry;
import io.mlops.registry.ModelSummary;
import io.mlops.registry.ModelVersion;
import io.mlops.registry.RegisteredModel;
import io.mlops.registry.StageChange;
import io.mlops.registry.StageHistory;
import io.mlops.tracking.http.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The registry API's reads: the model list, the model page (everything it shows in one answer),
 * a version with its lineage, the comparison of versions, the alias history and metrics across
 * versions.
 */
final class ModelReads {
    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 1000;
    static final int MAX_AUDIT = 200;
    static final int MIN_COMPARED = 2;
    static final int MAX_COMPARED = 4;

    private final ModelRegistry registry;

    ModelReads(ModelRegistry registry) {
        this.registry = registry;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.read("GET", "models", this::list),
                ApiRoute.read("GET", "models/{name}", this::page),
                ApiRoute.read("GET", "models/{name}/versions/{version}", this::version),
                ApiRoute.read("GET", "models/{name}/compare", this::compare),
                ApiRoute.read("GET", "models/{name}/stages", this::stages),
                ApiRoute.read("GET", "models/{name}/metrics", this::metrics));
    }

    private JsonNode list(ApiCall call) {
        String q = call.query("q");
        int limit = call.queryInt("limit", DEFAULT_PAGE, 1, MAX_PAGE);
        int offset = call.queryInt("offset", 0, 0, Integer.MAX_VALUE);
        ModelListing listing = registry.models(q == null ? "" : q, limit, offset);
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode models = body.putArray("models");
        for (ModelSummary summary : listing.models()) {
            models.add(ApiJson.model(summary.model(), summary.versionCount(), summary.latestVersion()));
        }
        return body.put("total", listing.total());
    }

    private JsonNode page(ApiCall call) {
        String name = call.path("name");
        RegisteredModel model = registry.model(name);
        List<ModelVersion> versions = new ArrayList<>(registry.versions(name));
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set(
                "model",
                ApiJson.model(
                        model,
                        versions.size(),
                        versions.isEmpty() ? null : versions.getLast().version()));
        ArrayNode versionNodes = body.putArray("versions");
        for (ModelVersion version : versions.reversed()) {
            versionNodes.add(ApiJson.version(version));
        }
        ArrayNode deployments = body.putArray("deployments");
        registry.deployments(name).forEach(d -> deployments.add(ApiJson.deployment(d)));
        ArrayNode audit = body.putArray("audit");
        List<AuditEntry> entries = registry.audit(name).reversed();
        entries.stream().limit(MAX_AUDIT).forEach(entry -> audit.add(ApiJson.audit(entry)));
        return body;
    }

    private JsonNode version(ApiCall call) {
        Lineage lineage = registry.lineage(call.path("name"), call.pathNumber("version"));
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("version", ApiJson.version(lineage.version()));
        body.set("lineage", ApiJson.lineage(lineage));
        return body;
    }

    private JsonNode compare(ApiCall call) {
        String name = call.path("name");
        String list = call.query("versions");
        if (list == null || list.isBlank()) {
            throw ApiError.invalid("compare needs ?versions=A,B[,C[,D]]: " + MIN_COMPARED + " to " + MAX_COMPARED
                    + " version numbers");
        }
        Set<Integer> numbers = new LinkedHashSet<>();
        for (String part : list.split(",", -1)) {
            if (!numbers.add(ApiCall.positive("version number", part.strip()))) {
                throw ApiError.invalid("version " + part.strip() + " is listed twice in versions=" + list);
            }
        }
        if (numbers.size() < MIN_COMPARED || numbers.size() > MAX_COMPARED) {
            throw ApiError.invalid("compare takes " + MIN_COMPARED + " to " + MAX_COMPARED + " versions, not "
                    + numbers.size() + " (versions=" + list + ")");
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode versions = body.putArray("versions");
        for (int number : numbers) {
            Lineage lineage = registry.lineage(name, number);
            ObjectNode item = versions.addObject();
            item.set("version", ApiJson.version(lineage.version()));
            ObjectNode params = item.putObject("params");
            if (lineage.run() != null) {
                new TreeMap<>(lineage.run().params()).forEach(params::put);
            }
            item.set("lineage", ApiJson.lineage(lineage));
        }
        return body;
    }

    private JsonNode stages(ApiCall call) {
        String name = call.path("name");
        registry.model(name);
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode history = body.putArray("history");
        for (StageChange change : StageHistory.of(registry.audit(name))) {
            history.add(ApiJson.stage(change));
        }
        return body;
    }

    private JsonNode metrics(ApiCall call) {
        Map<String, ArrayNode> series = new TreeMap<>();
        for (ModelVersion version : registry.versions(call.path("name"))) {
            new TreeMap<>(version.metrics()).forEach((key, value) -> {
                if (Double.isFinite(value)) {
                    series.computeIfAbsent(key, k -> Json.MAPPER.createArrayNode())
                            .addObject()
                            .put("version", version.version())
                            .put("value", value);
                }
            });
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        ObjectNode metrics = body.putObject("metrics");
        series.forEach(metrics::set);
        return body;
    }
}
