package io.mlops.jenkins.tracking;

import hudson.Extension;
import hudson.security.csrf.CrumbExclusion;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The MLflow client posts without a Jenkins crumb; its requests are authenticated by the build
 * token instead (a bearer header, which a browser never sends on its own, so CSRF does not apply).
 */
@Extension
public final class TrackingCrumbExclusion extends CrumbExclusion {
    @Override
    public boolean process(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getPathInfo();
        if (path != null && path.startsWith("/" + TrackingEndpoint.URL_NAME + "/")) {
            chain.doFilter(request, response);
            return true;
        }
        return false;
    }
}
