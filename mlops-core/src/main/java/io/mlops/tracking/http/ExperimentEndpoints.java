package io.mlops.tracking.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlops.tracking.Experiment;
import io.mlops.tracking.ExperimentSearch;
import io.mlops.tracking.Page;
import io.mlops.tracking.Tag;
import io.mlops.tracking.TrackingError;
import io.mlops.tracking.TrackingStore;
import io.mlops.tracking.ViewType;
import java.util.ArrayList;
import java.util.List;

/** {@code experiments/create}, {@code get}, {@code get-by-name} and {@code search}. */
final class ExperimentEndpoints {
    private static final int DEFAULT_MAX_RESULTS = 1000;

    private final TrackingStore store;

    ExperimentEndpoints(TrackingStore store) {
        this.store = store;
    }

    void addTo(Routes routes) {
        routes.add("POST", "experiments/create", this::create)
                .add("GET", "experiments/get", this::get)
                .add("GET", "experiments/get-by-name", this::getByName)
                .add("POST", "experiments/search", this::search)
                .add("GET", "experiments/search", this::search);
    }

    private ObjectNode create(ApiRequest request) {
        String name = request.requiredString("name");
        String artifactLocation = request.string("artifact_location", "");
        if (!artifactLocation.isEmpty()) {
            throw TrackingError.invalid("artifact_location '" + artifactLocation + "' is not supported: this server"
                    + " keeps the artifacts of its experiments itself (mlflow-artifacts:/<experiment id>)");
        }
        List<Tag> tags = new ArrayList<>();
        for (ApiRequest tag : request.messages("tags")) {
            tags.add(new Tag(tag.requiredString("key"), tag.string("value", "")));
        }
        return Json.empty().put("experiment_id", store.createExperiment(name, tags));
    }

    private ObjectNode get(ApiRequest request) {
        ObjectNode response = Json.empty();
        response.set("experiment", MlflowJson.experiment(store.experiment(request.requiredString("experiment_id"))));
        return response;
    }

    private ObjectNode getByName(ApiRequest request) {
        String name = request.requiredString("experiment_name");
        Experiment experiment = store.experimentByName(name)
                .orElseThrow(() -> TrackingError.notFound("Could not find experiment with name '" + name + "'"));
        ObjectNode response = Json.empty();
        response.set("experiment", MlflowJson.experiment(experiment));
        return response;
    }

    private ObjectNode search(ApiRequest request) {
        ViewType view = request.enumeration("view_type", ViewType.class);
        Long maxResults = request.int64("max_results");
        Page<Experiment> page = store.searchExperiments(new ExperimentSearch(
                view == null ? ViewType.ACTIVE_ONLY : view,
                maxResults == null ? DEFAULT_MAX_RESULTS : (int) Math.min(maxResults, Integer.MAX_VALUE),
                request.string("filter", ""),
                request.strings("order_by"),
                request.string("page_token", null)));
        ObjectNode response = Json.empty();
        if (!page.items().isEmpty()) {
            ArrayNode experiments = response.putArray("experiments");
            page.items().forEach(experiment -> experiments.add(MlflowJson.experiment(experiment)));
        }
        if (page.nextPageToken() != null) {
            response.put("next_page_token", page.nextPageToken());
        }
        return response;
    }
}
