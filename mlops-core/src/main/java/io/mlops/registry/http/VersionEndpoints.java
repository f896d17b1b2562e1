package io.mlops.registry.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlops.registry.FileSource;
import io.mlops.registry.ModelDirectory;
import io.mlops.registry.ModelRegistry;
import io.mlops.registry.ModelVersion;
import io.mlops.registry.NewVersion;
import io.mlops.registry.SourceArtifact;
import io.mlops.registry.UnknownRegistryEntry;
import io.mlops.tracking.TrackingError;
import io.mlops.tracking.http.ApiRequest;
import io.mlops.tracking.http.Json;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code model-versions/create, get, search, update, get-download-uri} of MLflow's registry
 * protocol. A version's source must be a model file this server can read, or a run artifact
 * ({@code runs:/<run id>/<path>}) of this store: the registry keeps the hash of the bytes, so it
 * needs to see them. Files are taken only from the server's {@link FileRoots}.
 */
final class VersionEndpoints {
    private static final Pattern NAME_FILTER = Pattern.compile("\\s*name\\s*=\\s*'([^']*)'\\s*");
    private static final Pattern RUNS_URI = Pattern.compile("runs:/([^/]+)/(.+)");

    private final ModelRegistry registry;
    private final FileRoots fileRoots;
    private final boolean servesFiles;

    VersionEndpoints(ModelRegistry registry, FileRoots fileRoots, boolean servesFiles) {
        this.registry = registry;
        this.fileRoots = fileRoots;
        this.servesFiles = servesFiles;
    }

    void addTo(Map<String, Endpoint> routes) {
        routes.put("POST model-versions/create", this::create);
        routes.put(
                "GET model-versions/get",
                (request, actor) ->
                        answer(registry.version(request.requiredString("name"), Requests.version(request))));
        routes.put(
                "PATCH model-versions/update",
                (request, actor) -> answer(registry.updateVersionDescription(
                        request.requiredString("name"),
                        Requests.version(request),
                        request.string("description", ""),
                        Requests.change(actor))));
        routes.put("GET model-versions/search", (request, actor) -> search(request));
        routes.put(
                "GET model-versions/get-download-uri",
                (request, actor) -> Json.MAPPER.createObjectNode().put("artifact_uri", downloadUri(request)));
    }

    private JsonNode create(ApiRequest request, String actor) {
        String name = request.requiredString("name");
        String runId = request.string("run_id", null);
        if (runId != null && runId.isEmpty()) {
            runId = null;
        }
        if (!request.messages("tags").isEmpty()) {
            throw TrackingError.invalid("Model version tags are not supported by this server yet.");
        }
        String uri = request.requiredString("source");
        String description = request.string("description", "");
        SourceArtifact file = fileSource(uri);
        if (file != null) {
            NewVersion version = new NewVersion(name, file, runId, List.of(), Map.of(), null, description);
            return answer(registry.registerVersion(version, Requests.change(actor)));
        }
        ModelDirectory directory = registry.modelDirectory(uri);
        String lineage = runId != null ? runId : directory.runId();
        NewVersion version = new NewVersion(name, directory.source(), lineage, List.of(), Map.of(), null, description);
        return answer(registry.registerVersion(version, directory, Requests.change(actor)));
    }

    private String downloadUri(ApiRequest request) {
        ModelVersion version = registry.version(request.requiredString("name"), Requests.version(request));
        return servesFiles
                ? VersionArtifactEndpoints.downloadUri(version)
                : version.source().uri();
    }

    /** The source as one model file, or null when it names an MLflow model directory. */
    private SourceArtifact fileSource(String source) {
        Matcher runs = RUNS_URI.matcher(source);
        if (runs.matches()) {
            try {
                return registry.runArtifact(runs.group(1), runs.group(2));
            } catch (UnknownRegistryEntry e) {
                // Not one file of the run: a model directory, or the run's logged model of that name.
                return null;
            }
        }
        if (source.startsWith("models:/") || source.startsWith("mlflow-artifacts:")) {
            return null;
        }
        if (source.startsWith("file:")) {
            return FileSource.of(fileRoots.check(Path.of(URI.create(source))));
        }
        if (source.startsWith("/")) {
            return FileSource.of(fileRoots.check(Path.of(source)));
        }
        throw TrackingError.invalid("Unsupported model version source '" + source + "': give a model file this"
                + " server can read (an absolute path or file: URI), a run artifact runs:/<run id>/<path>, a logged"
                + " model models:/<model id>, or an mlflow-artifacts:/ URI of this server.");
    }

    private JsonNode search(ApiRequest request) {
        String filter = request.string("filter", "");
        Matcher matcher = NAME_FILTER.matcher(filter);
        if (!matcher.matches()) {
            throw TrackingError.invalid(
                    "Unsupported filter '" + filter + "': this server searches model versions by name = '...'.");
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode versions = body.putArray("model_versions");
        List<ModelVersion> found = registry.versions(matcher.group(1));
        for (int i = found.size() - 1; i >= 0; i--) {
            versions.add(RegistryJson.version(found.get(i)));
        }
        return body;
    }

    private static JsonNode answer(ModelVersion version) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("model_version", RegistryJson.version(version));
        return body;
    }
}
