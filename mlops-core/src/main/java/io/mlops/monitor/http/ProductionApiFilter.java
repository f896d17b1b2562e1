package io.mlops.monitor.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlops.error.UserError;
import io.mlops.json.Json;
import io.mlops.monitor.HealthHistory;
import io.mlops.registry.ModelRegistry;
import io.mlops.registry.UnknownRegistryEntry;
import io.mlops.store.StoreFailure;
import io.mlops.store.StoreUnavailable;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serial;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * {@code GET api/registry/v1/models/{name}/production?hours=N}: the Production view's data, as a
 * filter placed before the registry API's (which answers 404 for paths it does not know) and
 * passing every other request on. Open like the registry's other reads. The answer is documented
 * in {@code registry-openapi.yaml}; its shape is {@link ProductionView}'s.
 */
public final class ProductionApiFilter extends HttpFilter {
    @Serial
    private static final long serialVersionUID = 1L;

    private static final String PREFIX = "/api/registry/v1/models/";
    private static final String SUFFIX = "/production";
    private static final ObjectMapper JSON = Json.mapper();

    private final transient ProductionView view;

    /**
     * Creates the endpoint.
     *
     * @param registry the registry whose deployments are shown
     * @param history the health series
     * @param clock the end of the time range shown
     */
    public ProductionApiFilter(ModelRegistry registry, HealthHistory history, Clock clock) {
        this.view = new ProductionView(registry, history, clock);
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!path.startsWith(PREFIX)
                || !path.endsWith(SUFFIX)
                || path.length() <= PREFIX.length() + SUFFIX.length()
                || path.substring(PREFIX.length(), path.length() - SUFFIX.length())
                        .contains("/")) {
            chain.doFilter(request, response);
            return;
        }
        if (!request.getMethod().equals("GET")) {
            send(response, 405, "INVALID_ARGUMENT", "method " + request.getMethod() + " is not allowed on " + path);
            return;
        }
        try {
            String name = URLDecoder.decode(
                    path.substring(PREFIX.length(), path.length() - SUFFIX.length())
                            .replace("+", "%2B"),
                    StandardCharsets.UTF_8);
            ObjectNode body = view.of(name, ProductionView.hours(request.getParameter("hours")));
            response.setStatus(HttpServletResponse.SC_OK);
            response.setHeader("Cache-Control", "no-store");
            response.setContentType("application/json");
            response.setCharacterEncoding("UTF-8");
            JSON.writeValue(response.getOutputStream(), body);
        } catch (UnknownRegistryEntry e) {
            send(response, 404, "NOT_FOUND", e.getMessage());
        } catch (StoreUnavailable e) {
            request.getServletContext().log("production view failed: " + path, e);
            response.setHeader("Retry-After", "1");
            send(response, 503, "INTERNAL", e.publicMessage());
        } catch (StoreFailure e) {
            request.getServletContext().log("production view failed: " + path, e);
            send(response, 500, "INTERNAL", e.publicMessage());
        } catch (UserError e) {
            send(response, 400, "INVALID_ARGUMENT", e.getMessage());
        } catch (IllegalArgumentException e) {
            send(response, 400, "INVALID_ARGUMENT", "the model name in the path has a broken percent-escape");
        }
    }

    private static void send(HttpServletResponse response, int status, String code, String message) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType("application/json");
        response.setCharacterEncoding("UTF-8");
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("code", code).put("message", message);
        JSON.writeValue(response.getOutputStream(), body);
    }
}
