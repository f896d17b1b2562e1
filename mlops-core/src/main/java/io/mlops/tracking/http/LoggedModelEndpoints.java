package io.mlops.tracking.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlops.tracking.LoggedModel;
import io.mlops.tracking.LoggedModelSearch;
import io.mlops.tracking.LoggedModelStatus;
import io.mlops.tracking.ModelOutput;
import io.mlops.tracking.NewLoggedModel;
import io.mlops.tracking.Page;
import io.mlops.tracking.Param;
import io.mlops.tracking.Tag;
import io.mlops.tracking.TrackingError;
import io.mlops.tracking.TrackingStore;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * MLflow 3's logged-model API under {@code /api/2.0/mlflow/logged-models}: create, search, get,
 * finalize ({@code PATCH}), delete, tags and params, whose paths carry the model id; and
 * {@code runs/outputs}, with which a run records the models it produced.
 */
final class LoggedModelEndpoints {
    static final String ROOT = Routes.MLFLOW + "logged-models";

    private final TrackingStore store;

    LoggedModelEndpoints(TrackingStore store) {
        this.store = store;
    }

    void addTo(Routes routes) {
        routes.add("POST", "runs/outputs", this::logOutputs);
    }

    /**
     * Answers a request under {@link #ROOT}.
     *
     * @param method the HTTP method
     * @param path the raw path, starting with {@link #ROOT}
     * @param request the request
     * @return the response body, or empty when no endpoint has this method and path
     * @throws IOException when the body cannot be read
     */
    Optional<JsonNode> handle(String method, String path, HttpServletRequest request) throws IOException {
        String tail = path.substring(ROOT.length());
        if (tail.isEmpty()) {
            return method.equals("POST") ? Optional.of(create(ApiRequest.read(request))) : Optional.empty();
        }
        if (tail.equals("/search")) {
            return method.equals("POST") ? Optional.of(search(ApiRequest.read(request))) : Optional.empty();
        }
        String[] segments = tail.substring(1).split("/", 3);
        String id = decode(segments[0]);
        if (segments.length == 1) {
            return switch (method) {
                case "GET" ->
                    Optional.of(answer(
                            store.loggedModel(id, "true".equalsIgnoreCase(request.getParameter("allow_deleted")))));
                case "PATCH" -> Optional.of(finalizeModel(id, ApiRequest.read(request)));
                case "DELETE" -> {
                    store.deleteLoggedModel(id);
                    yield Optional.of(Json.empty());
                }
                default -> Optional.empty();
            };
        }
        if (segments[1].equals("tags") && segments.length == 2 && method.equals("PATCH")) {
            store.setLoggedModelTags(id, tags(ApiRequest.read(request).messages("tags")));
            return Optional.of(Json.empty());
        }
        if (segments[1].equals("tags") && segments.length == 3 && method.equals("DELETE")) {
            store.deleteLoggedModelTag(id, decode(segments[2]));
            return Optional.of(Json.empty());
        }
        if (segments[1].equals("params") && segments.length == 2 && method.equals("POST")) {
            store.logLoggedModelParams(id, params(ApiRequest.read(request).messages("params")));
            return Optional.of(Json.empty());
        }
        return Optional.empty();
    }

    private JsonNode create(ApiRequest request) {
        LoggedModel model = store.createLoggedModel(new NewLoggedModel(
                request.requiredString("experiment_id"),
                request.string("name", null),
                request.string("model_type", null),
                request.string("source_run_id", null),
                params(request.messages("params")),
                tags(request.messages("tags"))));
        return answer(model);
    }

    private JsonNode finalizeModel(String id, ApiRequest request) {
        LoggedModelStatus status = request.enumeration("status", LoggedModelStatus.class);
        if (status == null) {
            throw ApiRequest.missing("status");
        }
        return answer(store.finalizeLoggedModel(id, status));
    }

    private JsonNode search(ApiRequest request) {
        List<LoggedModelSearch.DatasetRef> datasets = new ArrayList<>();
        for (ApiRequest dataset : request.messages("datasets")) {
            datasets.add(new LoggedModelSearch.DatasetRef(
                    dataset.requiredString("dataset_name"), dataset.string("dataset_digest", null)));
        }
        List<LoggedModelSearch.Order> orders = new ArrayList<>();
        for (ApiRequest order : request.messages("order_by")) {
            orders.add(new LoggedModelSearch.Order(
                    order.requiredString("field_name"),
                    order.bool("ascending", true),
                    order.string("dataset_name", null),
                    order.string("dataset_digest", null)));
        }
        Long maxResults = request.int64("max_results");
        Page<LoggedModel> page = store.searchLoggedModels(new LoggedModelSearch(
                request.strings("experiment_ids"),
                request.string("filter", ""),
                datasets,
                orders,
                maxResults == null ? LoggedModelSearch.DEFAULT_MAX_RESULTS : Math.toIntExact(maxResults),
                request.string("page_token", null)));
        ObjectNode body = Json.empty();
        ArrayNode models = body.putArray("models");
        page.items().forEach(model -> models.add(LoggedModelJson.model(model)));
        if (page.nextPageToken() != null) {
            body.put("next_page_token", page.nextPageToken());
        }
        return body;
    }

    private JsonNode logOutputs(ApiRequest request) {
        List<ModelOutput> outputs = new ArrayList<>();
        for (ApiRequest model : request.messages("models")) {
            Long step = model.int64("step");
            outputs.add(new ModelOutput(model.requiredString("model_id"), step == null ? 0 : step));
        }
        store.logOutputs(request.requiredString("run_id"), outputs);
        return Json.empty();
    }

    private static List<Tag> tags(List<ApiRequest> messages) {
        List<Tag> tags = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            if (!messages.get(i).present("key")) {
                throw ApiRequest.missing("tags[" + i + "].key");
            }
            tags.add(new Tag(messages.get(i).string("key", ""), messages.get(i).string("value", "")));
        }
        return tags;
    }

    private static List<Param> params(List<ApiRequest> messages) {
        List<Param> params = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            if (!messages.get(i).present("key")) {
                throw ApiRequest.missing("params[" + i + "].key");
            }
            params.add(
                    new Param(messages.get(i).string("key", ""), messages.get(i).string("value", "")));
        }
        return params;
    }

    private static ObjectNode answer(LoggedModel model) {
        ObjectNode body = Json.empty();
        body.set("model", LoggedModelJson.model(model));
        return body;
    }

    private static String decode(String segment) {
        try {
            return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw TrackingError.invalid("Invalid path segment '" + segment + "'");
        }
    }
}
