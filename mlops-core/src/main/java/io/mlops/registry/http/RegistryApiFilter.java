package io.mlops.registry.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.mlops.error.UserError;
import io.mlops.registry.DuplicateRegistryEntry;
import io.mlops.registry.ModelRegistry;
import io.mlops.registry.RegistryConflict;
import io.mlops.registry.UnknownRegistryEntry;
import io.mlops.registry.webhook.WebhookAddressPolicy;
import io.mlops.registry.webhook.WebhookStore;
import io.mlops.store.StoreFailure;
import io.mlops.store.StoreUnavailable;
import io.mlops.tracking.http.ErrorResponse;
import io.mlops.tracking.http.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serial;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The registry's own JSON API under {@code api/registry/v1/} (documented in
 * {@code registry-openapi.yaml}, served at {@code api/registry/v1/openapi.yaml}), as a filter that
 * answers its paths and passes every other request on, so that {@code mlops server} and the
 * Jenkins plugin mount the same handler.
 *
 * <p>Reads are open; writes and the webhook endpoints (which show where events go) need the bearer
 * token when one is configured (see {@link WriteAccess}).
 * It must therefore sit before any filter that demands the token for every request. Errors are
 * {@code {"error": {"code", "message"}}}: 404 NOT_FOUND, 400 INVALID_ARGUMENT, 401
 * UNAUTHENTICATED, 409 CONFLICT, 500 INTERNAL.
 */
public final class RegistryApiFilter extends HttpFilter {
    @Serial
    private static final long serialVersionUID = 1L;

    private static final String PREFIX = "/api/registry/v1/";

    private final transient List<ApiRoute> routes = new ArrayList<>();
    private final transient WriteAccess access;
    private final transient OpenApiDocument description = new OpenApiDocument();

    /**
     * Creates the API over a registry.
     *
     * @param registry the registry it reads and changes
     * @param webhooks the webhook subscriptions it manages
     * @param token the token writes need, or null when the host authenticates requests itself
     */
    public RegistryApiFilter(ModelRegistry registry, WebhookStore webhooks, String token) {
        this(registry, webhooks, token, WebhookAddressPolicy.PUBLIC_ONLY);
    }

    /**
     * Creates the API over a registry, with the webhook receivers its operator allows.
     *
     * @param registry the registry it reads and changes
     * @param webhooks the webhook subscriptions it manages
     * @param token the token writes need, or null when the host authenticates requests itself
     * @param webhookAddresses which addresses webhooks may point at
     */
    public RegistryApiFilter(
            ModelRegistry registry, WebhookStore webhooks, String token, WebhookAddressPolicy webhookAddresses) {
        this.access = new WriteAccess(token);
        routes.addAll(new ModelReads(registry).routes());
        routes.addAll(new ModelWrites(registry).routes());
        routes.addAll(new WebhookEndpoints(webhooks, webhookAddresses).routes());
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.startsWith(PREFIX)) {
            chain.doFilter(request, response);
            return;
        }
        if (path.equals(PREFIX + "openapi.yaml") && request.getMethod().equals("GET")) {
            description.write(response);
            return;
        }
        try {
            JsonNode body = answer(request, segments(path.substring(PREFIX.length())));
            response.setStatus(HttpServletResponse.SC_OK);
            response.setHeader("Cache-Control", "no-store");
            Json.write(response, body);
        } catch (ApiError e) {
            send(response, e.code(), e.status(), e.getMessage());
        } catch (UnknownRegistryEntry e) {
            send(response, ApiError.Code.NOT_FOUND, 404, e.getMessage());
        } catch (DuplicateRegistryEntry | RegistryConflict e) {
            send(response, ApiError.Code.CONFLICT, 409, e.getMessage());
        } catch (StoreUnavailable e) {
            request.getServletContext().log("registry API request failed: " + request.getMethod() + " " + path, e);
            response.setHeader("Retry-After", "1");
            send(response, ApiError.Code.INTERNAL, 503, e.publicMessage());
        } catch (StoreFailure e) {
            request.getServletContext().log("registry API request failed: " + request.getMethod() + " " + path, e);
            send(response, ApiError.Code.INTERNAL, 500, e.publicMessage());
        } catch (UserError e) {
            send(response, ApiError.Code.INVALID_ARGUMENT, 400, e.getMessage());
        } catch (RuntimeException e) {
            request.getServletContext().log("registry API request failed: " + request.getMethod() + " " + path, e);
            send(response, ApiError.Code.INTERNAL, 500, ErrorResponse.INTERNAL);
        }
    }

    private JsonNode answer(HttpServletRequest request, List<String> segments) {
        boolean pathKnown = false;
        for (ApiRoute route : routes) {
            Optional<Map<String, String>> bound = route.match(segments);
            if (bound.isEmpty()) {
                continue;
            }
            pathKnown = true;
            if (!route.method().equals(request.getMethod())) {
                continue;
            }
            if (route.needsToken()) {
                access.requireWrite(request);
            }
            return route.handler().handle(new ApiCall(request, bound.get(), () -> access.actor(request)));
        }
        if (pathKnown) {
            throw new ApiError(
                    ApiError.Code.INVALID_ARGUMENT,
                    HttpServletResponse.SC_METHOD_NOT_ALLOWED,
                    "method " + request.getMethod() + " is not allowed on api/registry/v1/"
                            + String.join("/", segments));
        }
        throw ApiError.notFound("no registry API endpoint at api/registry/v1/" + String.join("/", segments));
    }

    // The raw URI keeps percent-escapes, so that a model name may hold any character but '/'.
    private static List<String> segments(String rest) {
        List<String> segments = new ArrayList<>();
        for (String raw : rest.split("/", -1)) {
            try {
                segments.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw ApiError.invalid("the path segment '" + raw + "' has a broken percent-escape");
            }
        }
        return segments;
    }

    private static void send(HttpServletResponse response, ApiError.Code code, int status, String message)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        if (code == ApiError.Code.UNAUTHENTICATED) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        Json.write(response, ApiError.body(code, message));
    }
}
