package io.mlops.registry.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlops.registry.ModelRegistry;
import io.mlops.registry.ModelVersion;
import io.mlops.registry.VersionContent;
import io.mlops.tracking.TrackingError;
import io.mlops.tracking.http.Json;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A registry version's files in MLflow's proxied artifact API, so that {@code models:/NAME/VERSION}
 * and {@code models:/NAME@alias} download and load: {@code get-download-uri} answers
 * {@code mlflow-artifacts:/registry/<name>/<version>}, with the name in unpadded URL-safe Base64 so
 * that any model name makes one safe path segment. Files are matched against the version's own list,
 * never resolved as paths, and streamed.
 */
final class VersionArtifactEndpoints {
    static final String ARTIFACTS = "/api/2.0/mlflow-artifacts/artifacts";
    private static final String ROOT = "registry/";

    private final ModelRegistry registry;
    private final VersionContent content;

    VersionArtifactEndpoints(ModelRegistry registry, VersionContent content) {
        this.registry = registry;
        this.content = content;
    }

    /**
     * Where the MLflow client downloads a version from.
     *
     * @param version the version
     * @return an {@code mlflow-artifacts:} URI of this server
     */
    static String downloadUri(ModelVersion version) {
        return "mlflow-artifacts:/" + ROOT
                + Base64.getUrlEncoder()
                        .withoutPadding()
                        .encodeToString(version.model().getBytes(StandardCharsets.UTF_8))
                + "/" + version.version();
    }

    /**
     * Whether a request is for a version's files.
     *
     * @param path the request path
     * @param listed the {@code path} parameter of a listing, or null
     * @return true when this class answers it
     */
    static boolean answers(String path, String listed) {
        return path.startsWith(ARTIFACTS + "/" + ROOT)
                // the container has decoded the parameter already: decoding it again broke names with '%'
                || (path.equals(ARTIFACTS) && listed != null && listed.startsWith(ROOT));
    }

    ObjectNode list(String listed) {
        Located located = locate(decode(listed));
        String prefix = located.file().isEmpty() ? "" : located.file() + "/";
        Map<String, ObjectNode> children = new LinkedHashMap<>();
        for (VersionContent.Entry entry : content.files(located.version())) {
            if (!entry.path().startsWith(prefix)) {
                continue;
            }
            String rest = entry.path().substring(prefix.length());
            int slash = rest.indexOf('/');
            if (slash < 0) {
                children.put(
                        rest,
                        Json.MAPPER
                                .createObjectNode()
                                .put("path", rest)
                                .put("is_dir", false)
                                .put("file_size", entry.size()));
            } else {
                String child = rest.substring(0, slash);
                children.putIfAbsent(
                        child, Json.MAPPER.createObjectNode().put("path", child).put("is_dir", true));
            }
        }
        ObjectNode body = Json.empty();
        if (!children.isEmpty()) {
            ArrayNode files = body.putArray("files");
            children.values().forEach(files::add);
        }
        return body;
    }

    void download(String path, HttpServletResponse response) throws IOException {
        Located located = locate(decode(path.substring(ARTIFACTS.length() + 1)));
        VersionContent.Entry entry = content.files(located.version()).stream()
                .filter(candidate -> candidate.path().equals(located.file()))
                .findFirst()
                .orElseThrow(() -> TrackingError.notFound("No such artifact: '" + located.file() + "' of version "
                        + located.version().version() + " of model '"
                        + located.version().model() + "'"));
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/octet-stream");
        response.setContentLengthLong(entry.size());
        response.setHeader("X-Content-Type-Options", "nosniff");
        try (InputStream in = content.open(located.version(), entry);
                OutputStream out = response.getOutputStream()) {
            in.transferTo(out);
        }
    }

    private record Located(ModelVersion version, String file) {}

    private Located locate(String path) {
        List<String> segments = List.of(path.split("/", 4));
        if (segments.size() < 3
                || !segments.get(0).equals("registry")
                || !segments.get(2).matches("\\d{1,9}")) {
            throw TrackingError.invalid("Invalid path: registry artifacts live under registry/<name>/<version>/");
        }
        String model;
        try {
            model = new String(Base64.getUrlDecoder().decode(segments.get(1)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw TrackingError.invalid("Invalid path: '" + segments.get(1) + "' names no registered model");
        }
        ModelVersion version = registry.version(model, Integer.parseInt(segments.get(2)));
        String file = segments.size() == 4 ? segments.get(3) : "";
        return new Located(version, file.endsWith("/") ? file.substring(0, file.length() - 1) : file);
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw TrackingError.invalid("Invalid path");
        }
    }
}
