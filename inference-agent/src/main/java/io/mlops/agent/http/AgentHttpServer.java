package io.mlops.agent.http;

import io.mlops.agent.labeling.Detector;
import io.mlops.agent.labeling.LabelStudioImages;
import io.mlops.agent.serve.Deployments;
import io.mlops.agent.serve.InferenceService;
import io.mlops.agent.serve.NodeReport;
import io.mlops.agent.serve.ServedModels;
import io.mlops.jetty.SlowClientGuard;
import io.mlops.net.HostCheck;
import java.util.function.Supplier;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The agent's HTTP server on Jetty: V2 inference, the admin API and the demo pages. Stopping it is
 * graceful: it stops accepting, lets the requests in progress finish (up to a timeout), then closes.
 */
public final class AgentHttpServer implements AutoCloseable {
    private final Server server;
    private final ServerConnector connector;

    /**
     * Creates the server; {@link #start()} opens the port.
     *
     * @param settings address, limits and tokens
     * @param service the V2 inference service
     * @param deployments the admin operations
     * @param models the served models, for the demo pages' sample inputs
     * @param stopTimeoutMillis how long a stop waits for requests in progress
     * @param metrics the Prometheus text {@code /metrics} answers with
     * @param report the node's backends and hardware, for {@code GET /v2} and the admin status
     */
    public AgentHttpServer(
            HttpSettings settings,
            InferenceService service,
            Deployments deployments,
            ServedModels models,
            long stopTimeoutMillis,
            Supplier<String> metrics,
            NodeReport report) {
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("agent-http");
        this.server = new Server(threads);
        HttpConfiguration configuration = new HttpConfiguration();
        configuration.setSendServerVersion(false);
        this.connector = new ServerConnector(server, new HttpConnectionFactory(configuration));
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        server.addConnector(connector);
        SlowClientGuard.protect(server, connector, settings.limits());
        BearerToken inferenceToken =
                settings.inferenceToken() == null || settings.inferenceToken().isBlank()
                        ? null
                        : new BearerToken(settings.inferenceToken(), "inference endpoints");
        AgentHandler handler = new AgentHandler(
                new V2Endpoints(service, settings.maxBodyBytes(), report),
                new AdminEndpoints(
                        deployments,
                        new BearerToken(settings.adminToken(), "admin API"),
                        settings.maxBundleBytes(),
                        report),
                new DemoPage(service, models),
                new LabelingEndpoints(
                        new Detector(service, models),
                        settings.labelStudio() == null ? null : new LabelStudioImages(settings.labelStudio()),
                        settings.maxBodyBytes()),
                inferenceToken,
                metrics);
        HostCheck hosts = HostCheck.of(settings.host(), settings.allowedHosts(), settings.allowedOrigins());
        server.setHandler(new GracefulHandler(new HostGuard(new SlowClientGuard(handler, settings.limits()), hosts)));
        server.setErrorHandler(new JsonErrorHandler());
        server.setStopTimeout(stopTimeoutMillis);
        server.setStopAtShutdown(false);
    }

    /**
     * Opens the port and starts answering.
     *
     * @throws Exception when the port cannot be bound
     */
    public void start() throws Exception {
        server.start();
    }

    /**
     * The port bound.
     *
     * @return the local port
     */
    public int port() {
        return connector.getLocalPort();
    }

    /** Stops gracefully: requests in progress finish first (up to the stop timeout). */
    @Override
    public void close() throws Exception {
        server.stop();
    }
}
