package io.mlops.cli.server;

import io.mlops.cli.MlopsCommand;
import io.mlops.error.UserError;
import io.mlops.monitor.http.AlertApiFilter;
import io.mlops.registry.ModelRegistry;
import io.mlops.registry.http.MlflowRegistryFilter;
import io.mlops.registry.http.RegistryApiFilter;
import io.mlops.registry.http.RegistryUiAssets;
import io.mlops.registry.http.RegistryUiFilter;
import io.mlops.registry.webhook.DeliverySettings;
import io.mlops.registry.webhook.MlflowWebhooks;
import io.mlops.registry.webhook.RetryPolicy;
import io.mlops.registry.webhook.WebhookAddressPolicy;
import io.mlops.registry.webhook.WebhookStore;
import io.mlops.suite.SuiteStores;
import io.mlops.tracking.http.HostCheckFilter;
import io.mlops.tracking.http.HostedEndpoint;
import io.mlops.tracking.http.TrackingApi;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code mlops server}: the MLflow-compatible tracking and model-registry APIs, and the registry web UI, on Jetty. */
@Command(
        name = "server",
        mixinStandardHelpOptions = true,
        description = {
            "Serve the MLflow-compatible tracking API (/api/2.0/mlflow/..., /api/2.0/mlflow-artifacts/...)"
                    + " and model registry (/api/2.0/mlflow/registered-models/..., .../model-versions/...),"
                    + " and the registry's own JSON API (/api/registry/v1/..., reads open, writes need the token).",
            "The registry web UI is at http://HOST:PORT/ (it asks for the token when a change needs one).",
            "Point MLflow clients at it with MLFLOW_TRACKING_URI=http://HOST:PORT.",
            "If MLFLOW_TRACKING_TOKEN is set, clients must send that token (MLflow's client does when the same"
                    + " variable is set for it)."
        })
public final class ServerCommand implements Callable<Integer> {
    @ParentCommand
    private MlopsCommand root;

    @Spec
    private CommandSpec spec;

    @Option(
            names = "--host",
            paramLabel = "ADDRESS",
            description = "The address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    private String host = "127.0.0.1";

    @Option(names = "--port", paramLabel = "PORT", description = "The port (default: ${DEFAULT-VALUE}).")
    private int port = 5000;

    @Option(
            names = "--model-files",
            paramLabel = "DIR",
            description =
                    "A directory MLflow clients may register model files from (repeatable); the server reads"
                            + " a registered file to keep its hash. Without one, only run artifacts (runs:/...) are registered.")
    private List<Path> modelFiles = new ArrayList<>();

    @Option(
            names = "--webhook-attempts",
            paramLabel = "N",
            description =
                    "How many times a registry webhook delivery is tried before it fails (default: ${DEFAULT-VALUE}).")
    private int webhookAttempts = 5;

    @Option(
            names = "--webhook-retry-ms",
            paramLabel = "MS",
            description = "The wait before the first retry of a webhook delivery, doubled for each further retry"
                    + " (default: ${DEFAULT-VALUE}).")
    private long webhookRetryMillis = 1000;

    @Option(
            names = "--webhook-allow-hosts",
            split = ",",
            paramLabel = "HOST",
            description = "Internal webhook receivers to allow: host names, addresses, ranges (10.1.0.0/16) or *."
                    + " By default webhooks may point at public addresses only.")
    private List<String> webhookAllowHosts = new ArrayList<>();

    @Mixin
    private StoreOptions storeOptions;

    @Mixin
    private AccessLogOption accessLog;

    @Mixin
    private HttpOptions httpOptions;

    @Override
    public Integer call() throws IOException {
        String token = root.environment().get("MLFLOW_TRACKING_TOKEN");
        if (token != null && token.isBlank()) {
            token = null;
        }
        PrintWriter err = spec.commandLine().getErr();
        if (webhookAttempts < 1 || webhookRetryMillis < 0) {
            throw new UserError("--webhook-attempts must be at least 1 and --webhook-retry-ms at least 0");
        }
        RetryPolicy retries = new RetryPolicy(webhookAttempts, Duration.ofMillis(webhookRetryMillis));
        try (SuiteStores store = storeOptions.open(root.home(), root.environment())) {
            // Delivers the outbox: changes made here, by `mlops registry` commands, and other hosts.
            store.startDispatcher(
                    DeliverySettings.of(retries).withReceivers(WebhookAddressPolicy.allowing(webhookAllowHosts)));
            serve(store, store.registry(), store.webhooks(), token, err);
        }
        return 0;
    }

    private void serve(SuiteStores store, ModelRegistry registry, WebhookStore webhooks, String token, PrintWriter err)
            throws IOException {
        RegistryUiAssets ui = RegistryUiAssets.onClasspath();
        WebhookAddressPolicy receivers = WebhookAddressPolicy.allowing(webhookAllowHosts);
        try (AccessLogOption.Open log = accessLog.open(err);
                HostedEndpoint endpoint = TrackingApi.serve(
                        new JettyHost(httpOptions.limits()),
                        new InetSocketAddress(host, port),
                        store.tracking(),
                        store.blobs(),
                        token,
                        log.first(
                                new HostCheckFilter(httpOptions.hostCheck(host)),
                                new RegistryUiFilter(ui),
                                new AlertApiFilter(registry, store.alertRules(), store.alertStates(), token),
                                new RegistryApiFilter(registry, webhooks, token, receivers)),
                        List.of(new MlflowRegistryFilter(
                                registry,
                                modelFiles,
                                store.blobs(),
                                new MlflowWebhooks(store.database(), receivers))))) {
            err.printf(
                    "mlops server: tracking API at %s (store %s, artifacts %s, %s)%n",
                    endpoint.uri(),
                    store.database().url(),
                    store.artifacts(),
                    token == null ? "no token" : "token required");
            if (ui.present()) {
                err.printf("mlops server: registry web UI at %s/%n", endpoint.uri());
            }
            if (token == null && !InetAddress.getByName(host).isLoopbackAddress()) {
                err.println("mlops server: warning: listening beyond this machine without a token;"
                        + " set MLFLOW_TRACKING_TOKEN to require one");
            }
            err.flush();
            CountDownLatch stopped = new CountDownLatch(1);
            Thread hook = new Thread(stopped::countDown, "mlops-server-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                stopped.await();
            } catch (InterruptedException e) {
                // Embedded use (tests, a host process) stops the server by interrupting its thread.
                Runtime.getRuntime().removeShutdownHook(hook);
                Thread.currentThread().interrupt();
            }
        }
    }
}
