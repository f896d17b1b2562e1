package io.mlops.tracking.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.blob.BlobStore;
import io.mlops.store.StoreFailure;
import io.mlops.store.StoreUnavailable;
import io.mlops.tracking.ErrorCode;
import io.mlops.tracking.LoggingRules;
import io.mlops.tracking.TrackingError;
import io.mlops.tracking.TrackingStore;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serial;
import java.util.Optional;

/**
 * The MLflow-compatible tracking API as one servlet: {@code /api/2.0/mlflow/...} (experiments,
 * runs, logging, metric history) and the proxied artifacts under
 * {@code /api/2.0/mlflow-artifacts/artifacts}. Mounted by {@code mlops server} on Jetty and by
 * the Jenkins plugins; paths are taken relative to where the host mounts it.
 *
 * <p>Every failure is answered as MLflow's server answers it: {@code {"error_code", "message"}}
 * with the matching HTTP status; a locked or unreachable store is a 503, which MLflow's client
 * retries.
 */
public final class MlflowServlet extends HttpServlet {
    @Serial
    private static final long serialVersionUID = 1L;

    private final transient Routes routes = new Routes();
    private final transient ArtifactEndpoints artifacts;
    private final transient LoggedModelEndpoints loggedModels;

    /**
     * Creates the API over a store.
     *
     * @param store where experiments and runs are kept
     * @param blobs where artifact bytes are kept
     */
    public MlflowServlet(TrackingStore store, BlobStore blobs) {
        new ExperimentEndpoints(store).addTo(routes);
        new RunEndpoints(store).addTo(routes);
        new LoggingEndpoints(store).addTo(routes);
        this.artifacts = new ArtifactEndpoints(store, blobs);
        new ExperimentChangeEndpoints(store).addTo(routes);
        new RunArtifactListEndpoint(store, artifacts).addTo(routes);
        this.loggedModels = new LoggedModelEndpoints(store);
        loggedModels.addTo(routes);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String rawPath = relativePath(request);
        String method = request.getMethod();
        try {
            if (rawPath.equals(ArtifactEndpoints.ROOT) && method.equals("GET")) {
                Json.write(response, artifacts.list(request.getParameter("path")));
            } else if (rawPath.startsWith(ArtifactEndpoints.ROOT + "/")) {
                String tail = rawPath.substring(ArtifactEndpoints.ROOT.length() + 1);
                switch (method) {
                    case "PUT" -> artifacts.upload(tail, request, response);
                    case "GET" -> artifacts.download(tail, response);
                    default -> notAllowed(response, method, rawPath);
                }
            } else if (rawPath.equals(LoggedModelEndpoints.ROOT)
                    || rawPath.startsWith(LoggedModelEndpoints.ROOT + "/")) {
                Optional<JsonNode> body = loggedModels.handle(method, rawPath, request);
                if (body.isEmpty()) {
                    ErrorResponse.send(response, ErrorCode.ENDPOINT_NOT_FOUND, "No API endpoint at " + rawPath);
                } else {
                    response.setStatus(HttpServletResponse.SC_OK);
                    Json.write(response, body.get());
                }
            } else {
                Optional<Routes.Handler> handler = routes.find(method, rawPath);
                if (handler.isPresent()) {
                    JsonNode body = handler.get().handle(ApiRequest.read(request, bodyLimit(rawPath)));
                    response.setStatus(HttpServletResponse.SC_OK);
                    Json.write(response, body);
                } else if (routes.knows(rawPath)) {
                    notAllowed(response, method, rawPath);
                } else {
                    ErrorResponse.send(response, ErrorCode.ENDPOINT_NOT_FOUND, "No API endpoint at " + rawPath);
                }
            }
        } catch (TrackingError e) {
            ErrorResponse.send(response, e.code(), e.getMessage());
        } catch (StoreUnavailable e) {
            log("tracking request failed: " + method + " " + rawPath, e);
            ErrorResponse.send(response, ErrorCode.TEMPORARILY_UNAVAILABLE, e.publicMessage());
        } catch (StoreFailure e) {
            log("tracking request failed: " + method + " " + rawPath, e);
            ErrorResponse.send(response, ErrorCode.INTERNAL_ERROR, e.publicMessage());
        } catch (RuntimeException e) {
            // A UserError here is the server's own trouble (a blob it cannot write): its message names
            // files, which stay in the log.
            log("tracking request failed: " + method + " " + rawPath, e);
            ErrorResponse.send(response, ErrorCode.INTERNAL_ERROR, ErrorResponse.INTERNAL);
        }
    }

    // log-batch has MLflow's own, smaller limit; refusing while reading keeps a large body unparsed.
    private static int bodyLimit(String path) {
        return path.equals(Routes.MLFLOW + "runs/log-batch")
                ? LoggingRules.MAX_BATCH_LOG_REQUEST_SIZE
                : ApiRequest.MAX_BODY;
    }

    private static void notAllowed(HttpServletResponse response, String method, String path) throws IOException {
        response.resetBuffer();
        response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
        Json.write(
                response, ErrorResponse.body(ErrorCode.BAD_REQUEST, "Method " + method + " is not allowed on " + path));
    }

    /**
     * The request path below the servlet's mount point, not yet percent-decoded, so artifact
     * paths are checked by {@link ArtifactPath} and not trusted to the host's decoding.
     */
    private static String relativePath(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String mount = request.getContextPath() + request.getServletPath();
        return uri.startsWith(mount) ? uri.substring(mount.length()) : uri;
    }
}
