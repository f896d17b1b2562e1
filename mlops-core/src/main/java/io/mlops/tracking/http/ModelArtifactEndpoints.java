package io.mlops.tracking.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlops.blob.Blob;
import io.mlops.blob.BlobStore;
import io.mlops.tracking.FileInfo;
import io.mlops.tracking.LoggedModel;
import io.mlops.tracking.ModelArtifact;
import io.mlops.tracking.TrackingError;
import io.mlops.tracking.TrackingStore;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The proxied artifact API for logged models' files ({@code <experiment>/models/<model id>/artifacts/...}):
 * upload, download and list, as for runs. A file's record is written only after its blob is
 * complete, so a cut-off upload is never visible.
 */
final class ModelArtifactEndpoints {
    private final TrackingStore store;
    private final BlobStore blobs;

    ModelArtifactEndpoints(TrackingStore store, BlobStore blobs) {
        this.store = store;
        this.blobs = blobs;
    }

    void upload(ModelArtifactPath path, HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (path.file().isEmpty()) {
            throw TrackingError.invalid("Invalid path: an artifact upload names a file under the model's artifacts");
        }
        modelOf(path);
        if (store.modelArtifacts(path.modelId(), path.file()).stream()
                .anyMatch(artifact -> !artifact.path().equals(path.file()))) {
            throw TrackingError.invalid("Artifact path refers to a directory, not a file: '" + path.file() + "'");
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
        store.recordModelArtifact(new ModelArtifact(path.modelId(), path.file(), blob));
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentLength(0);
    }

    void download(ModelArtifactPath path, HttpServletResponse response) throws IOException {
        List<ModelArtifact> found =
                path.file().isEmpty() ? List.of() : store.modelArtifacts(path.modelId(), path.file());
        ModelArtifact artifact = found.stream()
                .filter(candidate -> candidate.path().equals(path.file()))
                .findFirst()
                .orElse(null);
        if (artifact == null) {
            if (!found.isEmpty()) {
                throw TrackingError.invalid("Artifact path refers to a directory, not a file: '" + path.file() + "'");
            }
            throw TrackingError.notFound("No such artifact: '" + path.file() + "' of logged model " + path.modelId());
        }
        String name = path.file().substring(path.file().lastIndexOf('/') + 1);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(ArtifactEndpoints.contentType(name));
        response.setContentLengthLong(artifact.blob().size());
        response.setHeader("Content-Disposition", ContentDisposition.attachment(name));
        response.setHeader("X-Content-Type-Options", "nosniff");
        try (InputStream in = blobs.open(artifact.blob().id());
                OutputStream out = response.getOutputStream()) {
            in.transferTo(out);
        }
    }

    /**
     * Lists the direct children of a directory of a logged model.
     *
     * @param modelId the model
     * @param directory the directory under its artifact root, empty for the root
     * @return {@code {"files": [...]}}, or {@code {}} for a file or an empty directory
     */
    ObjectNode list(String modelId, String directory) {
        ObjectNode response = Json.empty();
        String prefix = directory.isEmpty() ? "" : directory + "/";
        Map<String, FileInfo> children = new LinkedHashMap<>();
        for (ModelArtifact artifact : store.modelArtifacts(modelId, directory)) {
            if (!artifact.path().startsWith(prefix)) {
                continue;
            }
            String rest = artifact.path().substring(prefix.length());
            int slash = rest.indexOf('/');
            if (slash < 0) {
                children.put(rest, new FileInfo(rest, false, artifact.blob().size()));
            } else {
                String child = rest.substring(0, slash);
                children.putIfAbsent(child, new FileInfo(child, true, null));
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

    private LoggedModel modelOf(ModelArtifactPath path) {
        LoggedModel model = store.loggedModel(path.modelId(), false);
        if (!model.experimentId().equals(path.experimentId())) {
            throw TrackingError.notFound(
                    "Logged model with ID '" + path.modelId() + "' not found in experiment " + path.experimentId());
        }
        return model;
    }
}
