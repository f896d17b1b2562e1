package io.mlops.jenkins.tracking;

import hudson.Extension;
import hudson.model.UnprotectedRootAction;
import io.mlops.jenkins.MlopsStores;
import io.mlops.registry.http.MlflowRegistryFilter;
import io.mlops.suite.SuiteStores;
import io.mlops.token.ScopedTokens;
import io.mlops.tracking.http.MlflowServlet;
import io.mlops.tracking.http.MountedRequest;
import io.mlops.tracking.http.ProtocolStack;
import io.mlops.tracking.http.VerifiedBearerFilter;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.List;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * {@code JENKINS_URL/mlops-tracking/api/2.0/mlflow/...}: the MLflow-compatible tracking API for
 * training processes of running trackRun steps, the same handlers {@code mlops server} mounts.
 *
 * <p>Unprotected as a Jenkins page because the MLflow client cannot log in to Jenkins; every
 * request must instead carry a live build-scoped token, which the body's MLFLOW_TRACKING_TOKEN
 * holds and which is revoked when the body ends.
 */
@Extension
public final class TrackingEndpoint implements UnprotectedRootAction {
    /** The URL below the Jenkins root. */
    static final String URL_NAME = "mlops-tracking";

    private ProtocolStack stack;
    private SuiteStores servedStore;

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return "MLflow tracking API";
    }

    /**
     * Hands every request below this URL to the protocol handlers.
     *
     * @param req the request
     * @param rsp the response
     * @throws IOException when the client connection fails
     * @throws ServletException when a handler fails
     */
    public void doDynamic(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException, ServletException {
        // The request finishes on the stores it started with, even if the configuration is saved meanwhile.
        try (SuiteStores.Reference stores = MlopsStores.get().acquire()) {
            stack(req, stores.stores()).serve(new MountedRequest(req, "/" + URL_NAME), rsp);
        }
    }

    private synchronized ProtocolStack stack(StaplerRequest2 req, SuiteStores current) throws ServletException {
        if (stack == null || servedStore != current) {
            ScopedTokens tokens = current.tokens();
            MlflowServlet servlet = new MlflowServlet(current.tracking(), current.blobs());
            servlet.init(new HostedServletConfig("mlops-tracking", req.getServletContext()));
            stack = new ProtocolStack(
                    List.of(
                            new VerifiedBearerFilter(
                                    token -> tokens.verify(token).isPresent()),
                            // Versions' files for models:/ URIs; no MLflow webhooks API (null) for a build's
                            // token. No HostCheckFilter either: the build token authenticates.
                            new MlflowRegistryFilter(current.registry(), List.of(), current.blobs(), null)),
                    servlet);
            servedStore = current;
        }
        return stack;
    }
}
