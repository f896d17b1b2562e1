package io.mlops.registry.http;

import com.fasterxml.jackson.databind.JsonNode;
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
    private static final Pattern RUNS_URI = Pattern.compile("runs:/([^/]+)/(.+)");

    private static final Pattern MODELS_URI = Pattern.compile("models:/([^/@]+)/(\\d+)");

    private final ModelRegistry registry;
    private final FileRoots fileRoots;
    private final VersionView view;
    private final VersionSearch search;
    private final boolean servesFiles;

    VersionEndpoints(ModelRegistry registry, FileRoots fileRoots, boolean servesFiles) {
        this.registry = registry;
        this.fileRoots = fileRoots;
        this.view = new VersionView(registry);
        this.search = new VersionSearch(registry);
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
        routes.put("GET model-versions/search", (request, actor) -> search.search(request));
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
        Map<String, String> tags = new java.util.LinkedHashMap<>();
        for (ApiRequest tag : request.messages("tags")) {
            String key = tag.requiredString("key");
            // The suite's own mlops.* tags are computed; a copied version brings them along.
            if (!key.startsWith("mlops.")) {
                tags.put(key, tag.string("value", ""));
            }
        }
        String uri = request.requiredString("source");
        if (uri.chars().anyMatch(Character::isISOControl)) {
            // refused before any store sees it: PostgreSQL cannot even hold a NUL in text
            throw TrackingError.invalid("Invalid model version source: it holds a control character.");
        }
        String description = request.string("description", "");
        SourceArtifact file = fileSource(uri);
        ModelVersion created;
        if (file != null) {
            NewVersion version = new NewVersion(name, file, runId, List.of(), Map.of(), null, description);
            created = registry.registerVersion(version, Requests.change(actor));
        } else {
            ModelDirectory directory = registry.modelDirectory(uri);
            String lineage = runId != null ? runId : directory.runId();
            NewVersion version =
                    new NewVersion(name, directory.source(), lineage, List.of(), Map.of(), null, description);
            created = registry.registerVersion(version, directory, Requests.change(actor));
        }
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            created = registry.setVersionTag(
                    name, created.version(), tag.getKey(), tag.getValue(), Requests.change(actor));
        }
        return answer(created);
    }

    private String downloadUri(ApiRequest request) {
        ModelVersion version = registry.version(request.requiredString("name"), Requests.version(request));
        return servesFiles
                ? VersionArtifactEndpoints.downloadUri(version)
                : version.source().uri();
    }

    /** The source as one model file, or null when it names an MLflow model directory. */
    private SourceArtifact fileSource(String source) {
        Matcher models = MODELS_URI.matcher(source);
        if (models.matches()) {
            // copy_model_version: the copy keeps the bytes (and hash) of the version it copies.
            return registry.version(models.group(1), Integer.parseInt(models.group(2)))
                    .source();
        }
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

    private JsonNode answer(ModelVersion version) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("model_version", view.json(version));
        return body;
    }
}
