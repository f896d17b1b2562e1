package io.mlops.jenkins.triggers;

import hudson.Extension;
import hudson.security.csrf.CrumbExclusion;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** MLflow posts webhooks without a Jenkins crumb; their HMAC signature authenticates them instead. */
@Extension
public final class WebhookCrumbExclusion extends CrumbExclusion {
    @Override
    public boolean process(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getPathInfo();
        if (path != null
                && (path.equals("/" + MlflowWebhookEndpoint.URL_NAME)
                        || path.startsWith("/" + MlflowWebhookEndpoint.URL_NAME + "/"))) {
            chain.doFilter(request, response);
            return true;
        }
        return false;
    }
}
