package io.mlops.registry.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlops.registry.ModelRegistry;
import io.mlops.registry.ModelVersion;
import io.mlops.registry.RegisteredModel;
import io.mlops.tracking.TrackingError;
import io.mlops.tracking.http.ApiRequest;
import io.mlops.tracking.http.Json;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code registered-models/create, get, search, update, delete} of MLflow's registry protocol. */
final class ModelEndpoints {
    private static final int DEFAULT_PAGE = 100;

    private final ModelRegistry registry;

    ModelEndpoints(ModelRegistry registry) {
        this.registry = registry;
    }

    void addTo(Map<String, Endpoint> routes) {
        routes.put("POST registered-models/create", this::create);
        routes.put(
                "GET registered-models/get",
                (request, actor) -> answer(registry.model(request.requiredString("name"))));
        routes.put("GET registered-models/search", (request, actor) -> search(request));
        routes.put("PATCH registered-models/update", this::update);
        routes.put("DELETE registered-models/delete", (request, actor) -> {
            registry.deleteModel(request.requiredString("name"), Requests.change(actor));
            return Json.empty();
        });
    }

    private JsonNode create(ApiRequest request, String actor) {
        Map<String, String> tags = new LinkedHashMap<>();
        for (ApiRequest tag : request.messages("tags")) {
            tags.put(tag.requiredString("key"), tag.string("value", ""));
        }
        return answer(registry.createModel(
                request.requiredString("name"), request.string("description", ""), tags, Requests.change(actor)));
    }

    private JsonNode update(ApiRequest request, String actor) {
        String name = request.requiredString("name");
        RegisteredModel model = request.present("description")
                ? registry.updateDescription(name, request.string("description", ""), Requests.change(actor))
                : registry.model(name);
        return answer(model);
    }

    private JsonNode search(ApiRequest request) {
        List<RegisteredModel> models = registry.models("").stream()
                .filter(ModelFilter.parse(request.string("filter", "")))
                .sorted(order(request.strings("order_by")))
                .toList();
        Long max = request.int64("max_results");
        int size = max == null ? DEFAULT_PAGE : (int) Math.max(1, Math.min(max, 1000));
        int offset = offset(request.string("page_token", null));
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode array = body.putArray("registered_models");
        for (RegisteredModel model :
                models.subList(Math.min(offset, models.size()), Math.min(offset + size, models.size()))) {
            array.add(RegistryJson.model(model, latest(model.name())));
        }
        if (offset + size < models.size()) {
            body.put("next_page_token", String.valueOf(offset + size));
        }
        return body;
    }

    // MLflow's keys: name, timestamp and last_updated_timestamp (the same), name ASC by default and last.
    private static Comparator<RegisteredModel> order(List<String> clauses) {
        Comparator<RegisteredModel> order = null;
        for (String clause : clauses) {
            String[] parts = clause.strip().split("\\s+");
            boolean descending = parts.length > 1 && parts[1].equalsIgnoreCase("DESC");
            if (parts.length > 2 || (parts.length == 2 && !descending && !parts[1].equalsIgnoreCase("ASC"))) {
                throw TrackingError.invalid("Invalid order_by clause '" + clause + "'.");
            }
            Comparator<RegisteredModel> one = switch (parts[0]) {
                case "name" -> Comparator.comparing(RegisteredModel::name);
                case "timestamp", "last_updated_timestamp" -> Comparator.comparingLong(RegisteredModel::lastUpdatedAt);
                default ->
                    throw TrackingError.invalid("Invalid order by key '" + parts[0]
                            + "' specified. Valid keys are '{'name', 'timestamp'}'");
            };
            one = descending ? one.reversed() : one;
            order = order == null ? one : order.thenComparing(one);
        }
        Comparator<RegisteredModel> byName = Comparator.comparing(RegisteredModel::name);
        return order == null ? byName : order.thenComparing(byName);
    }

    private static int offset(String token) {
        if (token == null || token.isEmpty()) {
            return 0;
        }
        try {
            return Math.max(0, Integer.parseInt(token));
        } catch (NumberFormatException e) {
            throw TrackingError.invalid("Invalid page token '" + token + "'.");
        }
    }

    private ModelVersion latest(String model) {
        List<ModelVersion> versions = registry.versions(model);
        return versions.isEmpty() ? null : versions.getLast();
    }

    private JsonNode answer(RegisteredModel model) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("registered_model", RegistryJson.model(model, latest(model.name())));
        return body;
    }
}
