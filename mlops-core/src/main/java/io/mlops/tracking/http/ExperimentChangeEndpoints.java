package io.mlops.tracking.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlops.tracking.Tag;
import io.mlops.tracking.TrackingStore;

/**
 * {@code experiments/delete}, {@code restore}, {@code update} (rename), {@code set-experiment-tag}
 * and {@code delete-experiment-tag}, with MLflow's required fields and empty answers.
 */
final class ExperimentChangeEndpoints {
    private final TrackingStore store;

    ExperimentChangeEndpoints(TrackingStore store) {
        this.store = store;
    }

    void addTo(Routes routes) {
        routes.add("POST", "experiments/delete", this::delete)
                .add("POST", "experiments/restore", this::restore)
                .add("POST", "experiments/update", this::update)
                .add("POST", "experiments/set-experiment-tag", this::setTag)
                .add("POST", "experiments/delete-experiment-tag", this::deleteTag);
    }

    private ObjectNode delete(ApiRequest request) {
        store.deleteExperiment(request.requiredString("experiment_id"));
        return Json.empty();
    }

    private ObjectNode restore(ApiRequest request) {
        store.restoreExperiment(request.requiredString("experiment_id"));
        return Json.empty();
    }

    private ObjectNode update(ApiRequest request) {
        String id = request.requiredString("experiment_id");
        store.renameExperiment(id, request.requiredString("new_name"));
        return Json.empty();
    }

    private ObjectNode setTag(ApiRequest request) {
        String id = request.requiredString("experiment_id");
        String key = request.requiredString("key");
        store.setExperimentTag(id, new Tag(key, request.string("value", "")));
        return Json.empty();
    }

    private ObjectNode deleteTag(ApiRequest request) {
        store.deleteExperimentTag(request.requiredString("experiment_id"), request.requiredString("key"));
        return Json.empty();
    }
}
