package io.mlops.registry.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlops.registry.ModelRegistry;
import io.mlops.registry.ModelVersion;
import io.mlops.registry.RegisteredModel;
import io.mlops.tracking.http.ApiRequest;
import io.mlops.tracking.http.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code registered-models/set-tag, delete-tag, rename, get-latest-versions} of MLflow's registry
 * protocol. The latest versions are, per stage asked for (all four by default), the highest
 * version in that stage, in the order of the stages asked for.
 */
final class ModelChangeEndpoints {
    private final ModelRegistry registry;
    private final VersionView view;

    ModelChangeEndpoints(ModelRegistry registry) {
        this.registry = registry;
        this.view = new VersionView(registry);
    }

    void addTo(Map<String, Endpoint> routes) {
        routes.put("POST registered-models/set-tag", (request, actor) -> {
            registry.setModelTag(
                    request.requiredString("name"),
                    request.requiredString("key"),
                    request.string("value", ""),
                    Requests.change(actor));
            return Json.empty();
        });
        routes.put("DELETE registered-models/delete-tag", (request, actor) -> {
            registry.deleteModelTag(
                    request.requiredString("name"), request.requiredString("key"), Requests.change(actor));
            return Json.empty();
        });
        routes.put("POST registered-models/rename", this::rename);
        routes.put("POST registered-models/get-latest-versions", (request, actor) -> latest(request));
    }

    private JsonNode rename(ApiRequest request, String actor) {
        RegisteredModel model = registry.renameModel(
                request.requiredString("name"), request.requiredString("new_name"), Requests.change(actor));
        List<ModelVersion> versions = registry.versions(model.name());
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("registered_model", RegistryJson.model(model, versions.isEmpty() ? null : versions.getLast()));
        return body;
    }

    private JsonNode latest(ApiRequest request) {
        String name = request.requiredString("name");
        List<String> stages = new ArrayList<>();
        for (String stage : request.strings("stages")) {
            stages.add(Stages.canonical(stage));
        }
        if (stages.isEmpty()) {
            stages = Stages.ALL;
        }
        Map<String, ModelVersion> latest = new LinkedHashMap<>();
        for (ModelVersion version : registry.versions(name)) {
            String stage = registry.versionStage(name, version.version());
            if (stages.contains(stage)) {
                latest.merge(stage, version, (a, b) -> a.version() >= b.version() ? a : b);
            }
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode versions = body.putArray("model_versions");
        for (String stage : stages) {
            ModelVersion version = latest.get(stage);
            if (version != null) {
                versions.add(view.json(version));
            }
        }
        return body;
    }
}
