package io.mlops.jenkins.triggers;

import hudson.Extension;
import hudson.security.csrf.CrumbExclusion;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * MLflow, Label Studio and CVAT post webhooks without a Jenkins crumb; their HMAC signature (or Label
 * Studio's secret header) authenticates them instead.
 */
@Extension
public final class WebhookCrumbExclusion extends CrumbExclusion {
    @Override
    public boolean process(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getPathInfo();
        if (path != null
                && (below(path, MlflowWebhookEndpoint.URL_NAME) || below(path, LabelingWebhookEndpoint.URL_NAME))) {
            chain.doFilter(request, response);
            return true;
        }
        return false;
    }

    private static boolean below(String path, String urlName) {
        return path.equals("/" + urlName) || path.startsWith("/" + urlName + "/");
    }
}
