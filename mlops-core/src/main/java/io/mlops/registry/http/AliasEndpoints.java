package io.mlops.registry.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlops.registry.AliasName;
import io.mlops.registry.ModelRegistry;
import io.mlops.tracking.http.ApiRequest;
import io.mlops.tracking.http.Json;
import java.util.Map;

/** {@code registered-models/alias} set (POST), get (GET) and delete (DELETE) of MLflow's registry protocol. */
final class AliasEndpoints {
    private final ModelRegistry registry;

    AliasEndpoints(ModelRegistry registry) {
        this.registry = registry;
    }

    void addTo(Map<String, Endpoint> routes) {
        routes.put("POST registered-models/alias", (request, actor) -> {
            registry.setAlias(
                    request.requiredString("name"), alias(request), Requests.version(request), Requests.change(actor));
            return Json.empty();
        });
        routes.put("DELETE registered-models/alias", (request, actor) -> {
            registry.deleteAlias(request.requiredString("name"), alias(request), Requests.change(actor));
            return Json.empty();
        });
        routes.put("GET registered-models/alias", (request, actor) -> {
            ObjectNode body = Json.MAPPER.createObjectNode();
            body.set(
                    "model_version",
                    new VersionView(registry)
                            .json(registry.versionByAlias(request.requiredString("name"), alias(request))));
            return body;
        });
    }

    private static AliasName alias(ApiRequest request) {
        return new AliasName(request.requiredString("alias"));
    }
}
