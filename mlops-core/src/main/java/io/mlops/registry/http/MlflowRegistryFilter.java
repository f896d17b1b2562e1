package io.mlops.registry.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.blob.BlobStore;
import io.mlops.error.UserError;
import io.mlops.registry.DuplicateRegistryEntry;
import io.mlops.registry.ModelRegistry;
import io.mlops.registry.UnknownRegistryEntry;
import io.mlops.registry.VersionContent;
import io.mlops.registry.webhook.MlflowWebhooks;
import io.mlops.store.StoreFailure;
import io.mlops.store.StoreUnavailable;
import io.mlops.tracking.ErrorCode;
import io.mlops.tracking.TrackingError;
import io.mlops.tracking.http.ApiRequest;
import io.mlops.tracking.http.ErrorResponse;
import io.mlops.tracking.http.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serial;
import java.nio.file.Path;
import java.security.Principal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * MLflow's model-registry REST protocol ({@code /api/2.0/mlflow/registered-models/...} and
 * {@code /api/2.0/mlflow/model-versions/...}) over a {@link ModelRegistry}, so that
 * {@code mlflow.register_model} and {@code MlflowClient().set_registered_model_alias} work against
 * the suite. It sits as a filter in front of the tracking servlet: it answers the registry's paths
 * and passes every other request on, so one host serves both protocols at one root.
 *
 * <p>Errors are answered as MLflow's server answers them; an unknown model, version or alias is
 * {@code RESOURCE_DOES_NOT_EXIST}, a model that exists already {@code RESOURCE_ALREADY_EXISTS}.
 * Each change is audited under the request's authenticated user, or the client's address.
 */
public final class MlflowRegistryFilter extends HttpFilter {
    @Serial
    private static final long serialVersionUID = 1L;

    private static final String PREFIX = "/api/2.0/mlflow/";

    private final transient Map<String, Endpoint> routes = new HashMap<>();
    private final transient VersionArtifactEndpoints artifacts;

    /**
     * Creates the protocol over a registry.
     *
     * @param registry where models and versions are kept
     * @param modelFileRoots the directories clients may register model files from (the server reads
     *     them to hash them); empty to accept only run artifacts
     */
    public MlflowRegistryFilter(ModelRegistry registry, List<Path> modelFileRoots) {
        this(registry, modelFileRoots, null, null);
    }

    /**
     * Creates the protocol over a registry, with MLflow 3's webhooks API.
     *
     * @param registry where models and versions are kept
     * @param modelFileRoots the directories clients may register model files from
     * @param webhooks the webhooks made through MLflow's API, or null to leave that API out
     */
    public MlflowRegistryFilter(ModelRegistry registry, List<Path> modelFileRoots, MlflowWebhooks webhooks) {
        this(registry, modelFileRoots, null, webhooks);
    }

    /**
     * Creates the protocol over a registry whose versions' files this host serves, so that MLflow
     * clients download and load {@code models:/NAME/VERSION} and {@code models:/NAME@alias}.
     *
     * @param registry where models and versions are kept
     * @param modelFileRoots the directories clients may register model files from
     * @param blobs the artifact store runs and logged models upload to, or null to serve no files
     */
    public MlflowRegistryFilter(ModelRegistry registry, List<Path> modelFileRoots, BlobStore blobs) {
        this(registry, modelFileRoots, blobs, null);
    }

    /**
     * Creates the whole protocol: the registry, its versions' files and MLflow 3's webhooks API.
     *
     * @param registry where models and versions are kept
     * @param modelFileRoots the directories clients may register model files from
     * @param blobs the artifact store runs and logged models upload to, or null to serve no files
     * @param webhooks the webhooks made through MLflow's API, or null to leave that API out
     */
    public MlflowRegistryFilter(
            ModelRegistry registry, List<Path> modelFileRoots, BlobStore blobs, MlflowWebhooks webhooks) {
        this.artifacts =
                blobs == null ? null : new VersionArtifactEndpoints(registry, new VersionContent(registry, blobs));
        if (webhooks != null) {
            new WebhookApiEndpoints(webhooks).addTo(routes);
        }
        new ModelEndpoints(registry).addTo(routes);
        new VersionEndpoints(registry, new FileRoots(modelFileRoots), artifacts != null).addTo(routes);
        new AliasEndpoints(registry).addTo(routes);
        new VersionChangeEndpoints(registry).addTo(routes);
        new ModelChangeEndpoints(registry).addTo(routes);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (artifacts != null
                && request.getMethod().equals("GET")
                && VersionArtifactEndpoints.answers(path, request.getParameter("path"))) {
            serveArtifact(path, request, response);
            return;
        }
        String webhook = path.startsWith(PREFIX) ? WebhookApiEndpoints.pattern(path.substring(PREFIX.length())) : null;
        if (!path.startsWith(PREFIX + "registered-models/")
                && !path.startsWith(PREFIX + "model-versions/")
                && webhook == null) {
            chain.doFilter(request, response);
            return;
        }
        String endpoint = webhook != null ? webhook : path.substring(PREFIX.length());
        Endpoint handler = routes.get(request.getMethod() + " " + endpoint);
        try {
            if (handler == null) {
                boolean known = routes.keySet().stream().anyMatch(key -> key.endsWith(" " + endpoint));
                if (known) {
                    response.resetBuffer();
                    response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
                    Json.write(
                            response,
                            ErrorResponse.body(
                                    ErrorCode.BAD_REQUEST,
                                    "Method " + request.getMethod() + " is not allowed on " + path));
                } else {
                    ErrorResponse.send(response, ErrorCode.ENDPOINT_NOT_FOUND, "No API endpoint at " + path);
                }
                return;
            }
            // MLflow's client deletes a webhook with neither body nor Content-Type: its id is in the path.
            boolean bodiless =
                    webhook != null && request.getContentType() == null && request.getContentLengthLong() <= 0;
            ApiRequest fields = bodiless ? ApiRequest.empty() : ApiRequest.read(request);
            if (webhook != null && webhook.startsWith("webhooks/")) {
                fields = fields.with(
                        WebhookApiEndpoints.ID, path.substring(PREFIX.length()).split("/")[1]);
            }
            JsonNode body = handler.handle(fields, actor(request));
            response.setStatus(HttpServletResponse.SC_OK);
            Json.write(response, body);
        } catch (TrackingError e) {
            ErrorResponse.send(response, e.code(), e.getMessage());
        } catch (UnknownRegistryEntry e) {
            ErrorResponse.send(response, ErrorCode.RESOURCE_DOES_NOT_EXIST, e.getMessage());
        } catch (DuplicateRegistryEntry e) {
            ErrorResponse.send(response, ErrorCode.RESOURCE_ALREADY_EXISTS, e.getMessage());
        } catch (StoreUnavailable e) {
            request.getServletContext().log("registry request failed: " + request.getMethod() + " " + path, e);
            ErrorResponse.send(response, ErrorCode.TEMPORARILY_UNAVAILABLE, e.publicMessage());
        } catch (StoreFailure e) {
            request.getServletContext().log("registry request failed: " + request.getMethod() + " " + path, e);
            ErrorResponse.send(response, ErrorCode.INTERNAL_ERROR, e.publicMessage());
        } catch (UserError e) {
            ErrorResponse.send(response, ErrorCode.INVALID_PARAMETER_VALUE, e.getMessage());
        } catch (RuntimeException e) {
            request.getServletContext().log("registry request failed: " + request.getMethod() + " " + path, e);
            ErrorResponse.send(response, ErrorCode.INTERNAL_ERROR, ErrorResponse.INTERNAL);
        }
    }

    private void serveArtifact(String path, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        try {
            if (path.equals(VersionArtifactEndpoints.ARTIFACTS)) {
                Json.write(response, artifacts.list(request.getParameter("path")));
            } else {
                artifacts.download(path, response);
            }
        } catch (TrackingError e) {
            ErrorResponse.send(response, e.code(), e.getMessage());
        } catch (UnknownRegistryEntry e) {
            ErrorResponse.send(response, ErrorCode.RESOURCE_DOES_NOT_EXIST, e.getMessage());
        } catch (StoreUnavailable e) {
            ErrorResponse.send(response, ErrorCode.TEMPORARILY_UNAVAILABLE, e.getMessage());
        } catch (UserError e) {
            ErrorResponse.send(response, ErrorCode.INVALID_PARAMETER_VALUE, e.getMessage());
        }
    }

    private static String actor(HttpServletRequest request) {
        Principal principal = request.getUserPrincipal();
        return principal != null ? principal.getName() : "mlflow client at " + request.getRemoteAddr();
    }
}
