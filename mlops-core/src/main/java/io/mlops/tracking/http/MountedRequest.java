package io.mlops.tracking.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request handed to the protocol handlers by a host that routes by itself (Jenkins' Stapler),
 * re-rooted so the handlers see it as if they were mounted at {@code mount}.
 *
 * <p>The handlers take their own paths as what follows the context path and servlet path. Inside
 * Jenkins every request has the servlet path "" and the context path of Jenkins, so the mount
 * (e.g. {@code /mlops-tracking}) joins the context path here; the raw request URI is kept as
 * sent, since the handlers check artifact paths themselves.
 */
public final class MountedRequest extends HttpServletRequestWrapper {
    private final String contextPath;
    private final String pathInfo;

    /**
     * Wraps a request.
     *
     * @param request the host's request
     * @param mount the path below the host's context path where the handlers live, e.g. {@code
     *     /mlops-tracking}; it starts with a slash and does not end with one
     * @throws IllegalArgumentException when the mount is malformed or the request is not below it
     */
    public MountedRequest(HttpServletRequest request, String mount) {
        super(request);
        if (!mount.startsWith("/") || mount.endsWith("/")) {
            throw new IllegalArgumentException("a mount starts with a slash and does not end with one: " + mount);
        }
        this.contextPath = request.getContextPath() + mount;
        String uri = request.getRequestURI();
        if (!uri.equals(contextPath) && !uri.startsWith(contextPath + "/")) {
            throw new IllegalArgumentException("request " + uri + " is not below " + contextPath);
        }
        this.pathInfo = uri.length() == contextPath.length() ? null : uri.substring(contextPath.length());
    }

    @Override
    public String getContextPath() {
        return contextPath;
    }

    @Override
    public String getServletPath() {
        return "";
    }

    @Override
    public String getPathInfo() {
        return pathInfo;
    }
}
