package io.mlops.jenkins.registry;

import hudson.Extension;
import hudson.model.RootAction;
import hudson.model.Run;
import hudson.security.csrf.CrumbIssuer;
import io.mlops.jenkins.MlopsStores;
import io.mlops.jenkins.tracking.HostedServletConfig;
import io.mlops.monitor.http.ProductionApiFilter;
import io.mlops.registry.ModelVersion;
import io.mlops.registry.http.MlflowRegistryFilter;
import io.mlops.registry.http.RegistryApiFilter;
import io.mlops.registry.http.RegistryUiAssets;
import io.mlops.registry.http.RegistryUiFilter;
import io.mlops.registry.http.UiAsset;
import io.mlops.registry.webhook.MlflowWebhooks;
import io.mlops.registry.webhook.WebhookAddressPolicy;
import io.mlops.suite.SuiteStores;
import io.mlops.text.PageAssets;
import io.mlops.tracking.http.MountedRequest;
import io.mlops.tracking.http.ProtocolStack;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import jenkins.model.Jenkins;
import org.kohsuke.stapler.HttpResponse;
import org.kohsuke.stapler.HttpResponses;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.StaplerResponse2;

/**
 * {@code JENKINS_URL/model-registry/}: the registry web front end inside the Jenkins layout (index.jelly
 * is a thin shell), its JSON API ({@code api/registry/v1/...}) and the MLflow model-registry API,
 * the same handlers {@code mlops server} mounts. Writes are POSTs with the Jenkins crumb, need the
 * MLOps permissions, and are audited under the Jenkins user's id.
 */
@Extension
public final class ModelRegistryAction implements RootAction {
    /** The URL below the Jenkins root. */
    static final String URL_NAME = "model-registry";

    /**
     * registry-ui is bundled in this plugin and mlops-core in mlops-steps; mlops-core's loader cannot see a
     * dependent plugin's resources, so the UI is looked up through this plugin's own class loader.
     */
    private final RegistryUiAssets ui = RegistryUiAssets.packagedWith(ModelRegistryAction.class.getClassLoader());

    private ProtocolStack stack;
    private SuiteStores servedStore;

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    @Override
    public String getIconFileName() {
        return Jenkins.get().hasPermission(Jenkins.READ) ? "symbol-cube-outline plugin-ionicons-api" : null;
    }

    @Override
    public String getDisplayName() {
        return "Model registry";
    }

    /** @return the front end's stylesheets, relative to this page */
    public List<String> getStylesheets() throws IOException {
        return assets().stylesheets();
    }

    /** @return the front end's scripts, relative to this page */
    public List<String> getScripts() throws IOException {
        return assets().scripts();
    }

    /** @return the header the front end sends the crumb in, or empty when CSRF protection is off */
    public String getCrumbHeader() {
        CrumbIssuer issuer = Jenkins.get().getCrumbIssuer();
        return issuer == null ? "" : issuer.getCrumbRequestField();
    }

    /** @return the crumb for this page's session, or empty when CSRF protection is off */
    public String getCrumb() {
        CrumbIssuer issuer = Jenkins.get().getCrumbIssuer();
        return issuer == null ? "" : issuer.getCrumb();
    }

    /**
     * Goes from a model version to the build that produced it (through its run's build tag).
     *
     * @param model the registered model
     * @param version the version
     * @return a redirect to the build, or 404 when no build of this Jenkins made it
     */
    public HttpResponse doBuild(@QueryParameter String model, @QueryParameter int version) {
        Jenkins.get().checkPermission(Jenkins.READ);
        SuiteStores stores = MlopsStores.get().current();
        ModelVersion found = stores.registry().version(model, version);
        if (found.runId() == null) {
            return HttpResponses.notFound();
        }
        return stores.tracking()
                .run(found.runId())
                .tag("mlops.jenkins.build")
                .map(Run::fromExternalizableId)
                .<HttpResponse>map(run -> HttpResponses.redirectViaContextPath(run.getUrl()))
                .orElseGet(HttpResponses::notFound);
    }

    /**
     * Hands the front end's assets and the APIs to the protocol handlers, after the permission
     * check of the request's method and path.
     *
     * @param req the request
     * @param rsp the response
     * @throws IOException when the client connection fails
     * @throws ServletException when a handler fails
     */
    public void doDynamic(StaplerRequest2 req, StaplerResponse2 rsp) throws IOException, ServletException {
        String path = req.getRestOfPath();
        Jenkins.get().checkPermission(RegistryRequests.permission(req.getMethod(), path));
        // The request finishes on the stores it started with, even if the configuration is saved meanwhile.
        try (SuiteStores.Reference stores = MlopsStores.get().acquire()) {
            stack(req, stores.stores()).serve(new MountedRequest(req, "/" + URL_NAME), rsp);
        }
    }

    private synchronized ProtocolStack stack(StaplerRequest2 req, SuiteStores current) throws ServletException {
        if (stack == null || servedStore != current) {
            NotFound end = new NotFound();
            end.init(new HostedServletConfig("model-registry", req.getServletContext()));
            // No HostCheckFilter: that is mlops server's guard for a loopback server without logins. Here
            // Jenkins authenticates every request (its session cookie is bound to its own host name, so
            // a rebound DNS name arrives anonymous) and checks the crumb on writes.
            stack = new ProtocolStack(
                    List.of(
                            new RegistryUiFilter(ui),
                            // The Production view's data, before the registry API (which answers 404 for
                            // paths it does not know); read like the registry's other reads.
                            new ProductionApiFilter(current.registry(), current.healthHistory(), Clock.systemUTC()),
                            // No token: Jenkins authenticated the user, whose id the filter audits. Webhooks
                            // go to public addresses only: a user with the registry's write permission
                            // must not make the controller post to, and time, its internal network.
                            new RegistryApiFilter(
                                    current.registry(), current.webhooks(), null, WebhookAddressPolicy.PUBLIC_ONLY),
                            // Versions' files for models:/ URIs, and MLflow's webhooks API with the same
                            // public-only receivers (checked at create, update, test and delivery).
                            new MlflowRegistryFilter(
                                    current.registry(),
                                    List.of(),
                                    current.blobs(),
                                    new MlflowWebhooks(current.database(), WebhookAddressPolicy.PUBLIC_ONLY))),
                    end);
            servedStore = current;
        }
        return stack;
    }

    private PageAssets assets() throws IOException {
        UiAsset index = ui.find("")
                .orElseThrow(() -> new IOException("the registry front end is missing from the plugin ("
                        + RegistryUiAssets.CLASSPATH_FOLDER + "/index.html)"));
        return PageAssets.of(new String(index.bytes(), StandardCharsets.UTF_8));
    }
}
