package io.mlops.tracking.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlops.tracking.RunInfo;
import io.mlops.tracking.TrackingStore;

/**
 * {@code GET artifacts/list?run_id=&path=}: a run's artifact directory as MLflow's tracking
 * service lists it, with {@code root_uri} and each file's path relative to the run's artifact
 * root (so {@code sub/x.json}, not {@code x.json}, under {@code path=sub}).
 */
final class RunArtifactListEndpoint {
    private final TrackingStore store;
    private final ArtifactEndpoints artifacts;

    RunArtifactListEndpoint(TrackingStore store, ArtifactEndpoints artifacts) {
        this.store = store;
        this.artifacts = artifacts;
    }

    void addTo(Routes routes) {
        routes.add("GET", "artifacts/list", this::list);
    }

    private ObjectNode list(ApiRequest request) {
        RunInfo run = store.run(request.runId()).info();
        String path = request.present("path") ? ArtifactPath.safe(request.string("path", "")) : "";
        String root = run.experimentId() + "/" + run.runId() + "/artifacts";
        ObjectNode listed = artifacts.list(path.isEmpty() ? root : root + "/" + path);
        ObjectNode response = Json.empty().put("root_uri", run.artifactUri());
        JsonNode files = listed.get("files");
        if (files != null) {
            for (JsonNode file : files) {
                String name = file.get("path").asText();
                ((ObjectNode) file).put("path", path.isEmpty() ? name : path + "/" + name);
            }
            response.set("files", files);
        }
        return response;
    }
}
