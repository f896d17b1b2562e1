package io.mlops.registry.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serial;
import java.util.Optional;

/**
 * Serves the registry web UI at the root of a host: {@code /} and {@code /index.html} answer the
 * page, {@code /assets/...} its scripts and styles; every other request goes on down the chain
 * (the registry and tracking APIs). It is a filter, like the MLflow registry protocol, because
 * {@code mlops server} mounts its protocols as filters in front of the one tracking servlet; a host
 * that routes by path itself (the Jenkins plugin) can use {@link RegistryUiAssets} directly.
 *
 * <p>It answers before authentication: the page and its scripts hold no data, and the page asks for
 * the API token itself when the API wants one.
 */
public final class RegistryUiFilter extends HttpFilter {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * The page's Content-Security-Policy: scripts, styles and API calls only from this server, so
     * even a text that slipped into markup could run nothing. Inline styles stay allowed because
     * ECharts' SVG sets style attributes.
     */
    static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline';"
                    + " img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'self'";

    private final transient RegistryUiAssets assets;

    /**
     * Serves the given UI.
     *
     * @param assets the built UI
     */
    public RegistryUiFilter(RegistryUiAssets assets) {
        this.assets = assets;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String method = request.getMethod();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean ui = path.equals("/") || path.equals("/" + RegistryUiAssets.INDEX) || path.startsWith("/assets/");
        if (!ui || !(method.equals("GET") || method.equals("HEAD"))) {
            chain.doFilter(request, response);
            return;
        }
        Optional<UiAsset> found = assets.find(path.substring(1));
        if (found.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            response.setContentType("text/plain; charset=utf-8");
            response.getWriter()
                    .write(
                            path.equals("/") || path.equals("/" + RegistryUiAssets.INDEX)
                                    ? "The registry web UI is not in this build (module registry-ui).\n"
                                    : "No such file of the registry web UI.\n");
            return;
        }
        UiAsset asset = found.get();
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(asset.contentType());
        response.setHeader("Cache-Control", asset.cacheControl());
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (asset.path().equals(RegistryUiAssets.INDEX)) {
            response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
            response.setHeader("Referrer-Policy", "same-origin");
        }
        response.setContentLength(asset.bytes().length);
        if (method.equals("GET")) {
            response.getOutputStream().write(asset.bytes());
        }
    }
}
