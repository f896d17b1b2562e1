package io.mlops.tracking.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlops.blob.Blob;
import io.mlops.blob.BlobStore;
import io.mlops.tracking.FileInfo;
import io.mlops.tracking.Run;
import io.mlops.tracking.StoredArtifact;
import io.mlops.tracking.TrackingError;
import io.mlops.tracking.TrackingStore;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLConnection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * MLflow's proxied artifact API under {@code /api/2.0/mlflow-artifacts/artifacts}: upload with PUT,
 * download with GET, list with GET and {@code ?path=}. Bytes go to the blob store; the run's record
 * of a file is written only after its blob is complete, so a cut-off upload is never visible.
 */
final class ArtifactEndpoints {
    static final String ROOT = "/api/2.0/mlflow-artifacts/artifacts";

    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "json", "application/json",
            "yaml", "application/yaml",
            "yml", "application/yaml",
            "txt", "text/plain",
            "log", "text/plain",
            "csv", "text/csv",
            "md", "text/markdown",
            "onnx", "application/octet-stream",
            "parquet", "application/octet-stream");

    private final TrackingStore store;
    private final BlobStore blobs;
    private final ModelArtifactEndpoints models;

    ArtifactEndpoints(TrackingStore store, BlobStore blobs) {
        this.store = store;
        this.blobs = blobs;
        this.models = new ModelArtifactEndpoints(store, blobs);
    }

    /**
     * Stores an uploaded file.
     *
     * @param rawPath the URL tail after the artifact root, still encoded
     * @param request the request, whose body is the file
     * @param response the response
     * @throws IOException when the upload is cut off or the store cannot be written
     */
    void upload(String rawPath, HttpServletRequest request, HttpServletResponse response) throws IOException {
        ModelArtifactPath model = ModelArtifactPath.of(ArtifactPath.safe(rawPath));
        if (model != null) {
            models.upload(model, request, response);
            return;
        }
        ArtifactPath path = runPath(ArtifactPath.safe(rawPath));
        if (path.file().isEmpty()) {
            throw TrackingError.invalid("Invalid path: an artifact upload names a file under the run's artifacts");
        }
        Run run = runOf(path);
        if (!store.artifacts(run.id(), path.file()).isEmpty()) {
            throw TrackingError.invalid(
                    "Artifact path refers to a directory, not a file: '" + ArtifactPath.safe(rawPath) + "'");
        }
        Blob blob;
        try (InputStream body = request.getInputStream()) {
            blob = blobs.put(body);
        }
        long declared = request.getContentLengthLong();
        if (declared >= 0 && declared != blob.size()) {
            throw TrackingError.invalid("The upload of " + path.file() + " ended after " + blob.size() + " of "
                    + declared + " bytes; nothing was recorded");
        }
        store.recordArtifact(new StoredArtifact(run.id(), path.file(), blob));
        // MLflow answers an upload with an empty body.
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentLength(0);
    }

    /**
     * Sends a stored file.
     *
     * @param rawPath the URL tail after the artifact root, still encoded
     * @param response the response
     * @throws IOException when the client is gone
     */
    void download(String rawPath, HttpServletResponse response) throws IOException {
        String safe = ArtifactPath.safe(rawPath);
        ModelArtifactPath model = ModelArtifactPath.of(safe);
        if (model != null) {
            models.download(model, response);
            return;
        }
        ArtifactPath path = ArtifactPath.ofRun(safe);
        StoredArtifact artifact = path == null || path.file().isEmpty() || !inItsExperiment(path)
                ? null
                : store.artifact(path.runId(), path.file()).orElse(null);
        if (artifact == null) {
            if (path != null
                    && inItsExperiment(path)
                    && !store.artifacts(path.runId(), path.file()).isEmpty()) {
                throw TrackingError.invalid("Artifact path refers to a directory, not a file: '" + safe + "'");
            }
            throw TrackingError.notFound("No such artifact: '" + safe + "'");
        }
        String name = path.file().substring(path.file().lastIndexOf('/') + 1);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(contentType(name));
        response.setContentLengthLong(artifact.blob().size());
        response.setHeader("Content-Disposition", ContentDisposition.attachment(name));
        response.setHeader("X-Content-Type-Options", "nosniff");
        try (InputStream in = blobs.open(artifact.blob().id());
                OutputStream out = response.getOutputStream()) {
            in.transferTo(out);
        }
    }

    /**
     * Lists a directory.
     *
     * @param rawPath the {@code path} parameter, or null for the root
     * @return {@code {"files": [...]}}, or {@code {}} for a file or a directory without artifacts
     */
    ObjectNode list(String rawPath) {
        ObjectNode response = Json.empty();
        String safe = rawPath == null ? "" : ArtifactPath.safe(rawPath);
        ModelArtifactPath model = ModelArtifactPath.of(safe);
        if (model != null) {
            return models.list(model.modelId(), model.file());
        }
        ArtifactPath path = ArtifactPath.ofRun(safe);
        if (path == null || !inItsExperiment(path)) {
            return response;
        }
        String prefix = path.file().isEmpty() ? "" : path.file() + "/";
        Map<String, FileInfo> children = new LinkedHashMap<>();
        for (StoredArtifact artifact : store.artifacts(path.runId(), path.file())) {
            String rest = artifact.path().substring(prefix.length());
            int slash = rest.indexOf('/');
            if (slash < 0) {
                children.put(rest, new FileInfo(rest, false, artifact.blob().size()));
            } else {
                String directory = rest.substring(0, slash);
                children.putIfAbsent(directory, new FileInfo(directory, true, null));
            }
        }
        if (!children.isEmpty()) {
            ArrayNode files = response.putArray("files");
            children.values().stream()
                    .sorted(Comparator.comparing(FileInfo::path))
                    .forEach(file -> files.add(MlflowJson.fileInfo(file)));
        }
        return response;
    }

    private static ArtifactPath runPath(String safe) {
        ArtifactPath path = ArtifactPath.ofRun(safe);
        if (path == null) {
            throw TrackingError.invalid("Invalid path: artifacts live under <experiment id>/<run id>/artifacts/");
        }
        return path;
    }

    // A run's artifacts are reached only under the experiment the run belongs to, as MLflow's
    // store lays them out; another experiment's id in the URL finds nothing.
    private boolean inItsExperiment(ArtifactPath path) {
        try {
            return store.run(path.runId()).info().experimentId().equals(path.experimentId());
        } catch (TrackingError e) {
            return false;
        }
    }

    private Run runOf(ArtifactPath path) {
        Run run = store.run(path.runId());
        if (!run.info().experimentId().equals(path.experimentId())) {
            throw TrackingError.notFound(
                    "Run with id=" + path.runId() + " not found in experiment " + path.experimentId());
        }
        return run;
    }

    static String contentType(String name) {
        int dot = name.lastIndexOf('.');
        String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        String known = CONTENT_TYPES.get(extension);
        if (known != null) {
            return known;
        }
        String guessed = URLConnection.guessContentTypeFromName(name);
        return guessed != null ? guessed : "application/octet-stream";
    }
}
