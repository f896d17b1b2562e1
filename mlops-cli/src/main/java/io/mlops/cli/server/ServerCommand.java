package io.mlops.cli.server;

import io.mlops.cli.MlopsCommand;
import io.mlops.error.UserError;
import io.mlops.monitor.HealthPolling;
import io.mlops.monitor.HealthRetention;
import io.mlops.monitor.http.AlertApiFilter;
import io.mlops.monitor.http.ProductionApiFilter;
import io.mlops.registry.ModelRegistry;
import io.mlops.registry.http.LabelingWebhookFilter;
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
import io.mlops.trigger.LabelingWebhookReceiver;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
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
                    + " variable is set for it).",
            "Label Studio and CVAT webhooks are received at /api/2.0/mlops/labeling/label-studio?model=NAME and"
                    + " /api/2.0/mlops/labeling/cvat?model=NAME when MLOPS_LABELING_SECRET is set: Label Studio sends"
                    + " it in the X-Mlops-Token header, CVAT signs with it (the webhook's secret)."
        })
public final class ServerCommand implements Callable<Integer> {
    /** The environment variable with the secret that labeling tools' webhooks must carry. */
    static final String LABELING_SECRET = "MLOPS_LABELING_SECRET";

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

    @Option(
            names = "--health-poll-seconds",
            paramLabel = "S",
            description = "How often the Production view reads the /metrics of each RUNNING deployment's agent"
                    + " (default: ${DEFAULT-VALUE}; 0 turns polling off). With several servers on one store,"
                    + " one polls at a time.")
    private int healthPollSeconds = 15;

    @Option(
            names = "--health-retention-hours",
            paramLabel = "H",
            description = "How many hours of deployment health the store keeps (default: ${DEFAULT-VALUE}).")
    private int healthRetentionHours = 24;

    @Option(
            names = "--health-max-samples",
            paramLabel = "N",
            description = "The most health samples kept per deployment endpoint (default: ${DEFAULT-VALUE}).")
    private int healthMaxSamples = HealthRetention.DEFAULT.maxSamplesPerEndpoint();

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
        if (healthPollSeconds < 0 || healthRetentionHours < 1 || healthMaxSamples < 1) {
            throw new UserError("--health-poll-seconds must be at least 0, --health-retention-hours and"
                    + " --health-max-samples at least 1");
        }
        RetryPolicy retries = new RetryPolicy(webhookAttempts, Duration.ofMillis(webhookRetryMillis));
        try (SuiteStores store = storeOptions.open(root.home(), root.environment())) {
            // Delivers the outbox: changes made here, by `mlops registry` commands, and other hosts.
            store.startDispatcher(
                    DeliverySettings.of(retries).withReceivers(WebhookAddressPolicy.allowing(webhookAllowHosts)));
            if (healthPollSeconds == 0) {
                serve(store, store.registry(), store.webhooks(), token, err);
                return 0;
            }
            // /metrics is open on the agents, so the deployment records (which keep no agent tokens) are
            // all the poller needs. The alert rules are evaluated over what it reads, as often.
            Duration every = Duration.ofSeconds(healthPollSeconds);
            store.startHealthPoller(new HealthPolling(every, HealthPolling.DEFAULT.readTimeout(), retention()));
            try (AlertSchedule alerts = AlertSchedule.start(
                    store.alertEvaluator(store.healthHistory(retention()), Clock.systemUTC()), every, err)) {
                serve(store, store.registry(), store.webhooks(), token, err);
            }
        }
        return 0;
    }

    private HealthRetention retention() {
        return new HealthRetention(Duration.ofHours(healthRetentionHours), healthMaxSamples);
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
                                new LabelingWebhookFilter(LabelingWebhookReceiver.withSecret(
                                        registry,
                                        store.database(),
                                        root.environment().get(LABELING_SECRET))),
                                // Before the registry API, which answers 404 for the paths it does not know.
                                new ProductionApiFilter(registry, store.healthHistory(retention()), Clock.systemUTC()),
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
