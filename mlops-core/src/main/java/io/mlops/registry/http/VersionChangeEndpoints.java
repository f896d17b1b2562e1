package io.mlops.registry.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlops.registry.ModelRegistry;
import io.mlops.tracking.TrackingError;
import io.mlops.tracking.http.ApiRequest;
import io.mlops.tracking.http.Json;
import java.util.Map;

/**
 * {@code model-versions/set-tag, delete-tag, delete, transition-stage} of MLflow's registry
 * protocol, with MLflow's answers: {@code {}}, or the version after a stage transition.
 */
final class VersionChangeEndpoints {
    private final ModelRegistry registry;
    private final VersionView view;

    VersionChangeEndpoints(ModelRegistry registry) {
        this.registry = registry;
        this.view = new VersionView(registry);
    }

    void addTo(Map<String, Endpoint> routes) {
        routes.put("POST model-versions/set-tag", (request, actor) -> {
            registry.setVersionTag(
                    request.requiredString("name"),
                    Requests.version(request),
                    request.requiredString("key"),
                    request.string("value", ""),
                    Requests.change(actor));
            return Json.empty();
        });
        routes.put("DELETE model-versions/delete-tag", (request, actor) -> {
            registry.deleteVersionTag(
                    request.requiredString("name"),
                    Requests.version(request),
                    request.requiredString("key"),
                    Requests.change(actor));
            return Json.empty();
        });
        routes.put("DELETE model-versions/delete", (request, actor) -> {
            registry.deleteVersion(request.requiredString("name"), Requests.version(request), Requests.change(actor));
            return Json.empty();
        });
        routes.put("POST model-versions/transition-stage", this::transition);
    }

    private JsonNode transition(ApiRequest request, String actor) {
        String name = request.requiredString("name");
        int version = Requests.version(request);
        String stage = Stages.canonical(request.requiredString("stage"));
        boolean archive = request.bool("archive_existing_versions");
        if (archive && !stage.equals("Staging") && !stage.equals("Production")) {
            throw TrackingError.invalid("Model version transition cannot archive existing model versions because '"
                    + stage + "' is not an Active stage. Valid stages are ['Staging', 'Production']");
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set(
                "model_version",
                view.json(registry.transitionStage(name, version, stage, archive, Requests.change(actor))));
        return body;
    }
}
