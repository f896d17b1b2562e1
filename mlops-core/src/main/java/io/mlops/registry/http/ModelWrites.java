package io.mlops.registry.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlops.registry.AliasName;
import io.mlops.registry.Change;
import io.mlops.registry.ModelRegistry;
import io.mlops.registry.ModelVersion;
import io.mlops.tracking.http.Json;
import java.util.List;

/**
 * The registry API's changes: promote (set or move an alias), roll an alias back, archive a
 * version. Each needs a reason, which the audit log keeps with the actor.
 */
final class ModelWrites {
    private final ModelRegistry registry;

    ModelWrites(ModelRegistry registry) {
        this.registry = registry;
    }

    List<ApiRoute> routes() {
        return List.of(
                ApiRoute.guarded("POST", "models/{name}/aliases/{alias}", this::setAlias),
                ApiRoute.guarded("POST", "models/{name}/aliases/{alias}/rollback", this::rollback),
                ApiRoute.guarded("POST", "models/{name}/versions/{version}/archive", this::archive));
    }

    private JsonNode setAlias(ApiCall call) {
        int version = call.requiredVersion("version");
        Change change = new Change(call.actor(), call.requiredText("reason"));
        AliasName alias = new AliasName(call.path("alias"));
        return answer(registry.setAlias(call.path("name"), alias, version, change));
    }

    private JsonNode rollback(ApiCall call) {
        Change change = new Change(call.actor(), call.requiredText("reason"));
        AliasName alias = new AliasName(call.path("alias"));
        return answer(registry.rollback(call.path("name"), alias, change));
    }

    private JsonNode archive(ApiCall call) {
        int version = call.pathNumber("version");
        Change change = new Change(call.actor(), call.requiredText("reason"));
        return answer(registry.archive(call.path("name"), version, change));
    }

    private static ObjectNode answer(ModelVersion version) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("version", ApiJson.version(version));
        return body;
    }
}
