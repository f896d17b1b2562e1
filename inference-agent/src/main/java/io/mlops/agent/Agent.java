package io.mlops.agent;

import io.mlops.agent.batch.BatchPolicy;
import io.mlops.agent.drift.DriftMonitor;
import io.mlops.agent.drift.InputDrift;
import io.mlops.agent.grpc.GrpcServer;
import io.mlops.agent.http.AgentHttpServer;
import io.mlops.agent.http.HttpSettings;
import io.mlops.agent.metrics.AgentMetrics;
import io.mlops.agent.metrics.GpuMemory;
import io.mlops.agent.metrics.MeasuredInferenceService;
import io.mlops.agent.metrics.ModelLoadTimes;
import io.mlops.agent.serve.BundleReader;
import io.mlops.agent.serve.Deployments;
import io.mlops.agent.serve.InferenceService;
import io.mlops.agent.serve.ModelRepository;
import io.mlops.agent.serve.NodeReport;
import io.mlops.agent.serve.ServedModels;
import io.mlops.agent.serve.ServingService;
import io.mlops.hardware.HardwareProbe;
import io.mlops.hardware.ProbeSources;
import io.mlops.protocol.admin.ModelStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A running inference agent: the served models, the deployments over the repository, and the HTTP
 * server. {@link AgentMain} runs one per process; tests start them in-process.
 */
public final class Agent implements AutoCloseable {
    private final AgentBackends backends;
    private final ScheduledExecutorService watches;
    private final ServingService serving;
    private final InferenceService service;
    private final AgentMetrics metrics = new AgentMetrics();
    private final InputDrift drift = new InputDrift();
    private final Deployments deployments;
    private final AgentHttpServer http;
    private final GrpcServer grpc;
    private final List<ModelStatus> loaded;

    /**
     * How to run the agent.
     *
     * @param repository the model repository
     * @param http address, limits and tokens of the HTTP server
     * @param sessions inferences run at once per version
     * @param queue requests that may wait per version before {@code 429}
     * @param timeout the per-request timeout
     * @param defaultDevice the onnxruntime device when a deployment names none
     * @param grpcPort the V2 gRPC port on the HTTP server's address (0 = any free one), or -1 for no gRPC
     * @param openVinoLibDir where OpenVINO's C library is, or empty for {@code $OPENVINO_LIB_DIR} and the
     *     system library path
     * @param maxBatchSize the most rows one execution takes; 1 turns dynamic batching off
     * @param maxQueueDelayMicros how long a batch's first request may wait for others
     * @param driftWindow the recent rows each input's drift is computed on
     */
    public record Config(
            Path repository,
            HttpSettings http,
            int sessions,
            int queue,
            Duration timeout,
            String defaultDevice,
            int grpcPort,
            Optional<Path> openVinoLibDir,
            int maxBatchSize,
            long maxQueueDelayMicros,
            int driftWindow) {
        /**
         * An agent that speaks HTTP only, finds OpenVINO where the environment says, with batching off
         * and the default drift window.
         *
         * @param repository the model repository
         * @param http address, limits and tokens of the HTTP server
         * @param sessions inferences run at once per version
         * @param queue requests that may wait per version before {@code 429}
         * @param timeout the per-request timeout
         * @param defaultDevice the onnxruntime device when a deployment names none
         */
        public Config(
                Path repository, HttpSettings http, int sessions, int queue, Duration timeout, String defaultDevice) {
            this(
                    repository,
                    http,
                    sessions,
                    queue,
                    timeout,
                    defaultDevice,
                    -1,
                    Optional.empty(),
                    1,
                    0,
                    DriftMonitor.DEFAULT_WINDOW);
        }

        /**
         * The batching policy every version starts from (a model's {@code config.json} may change it).
         *
         * @return the policy
         */
        public BatchPolicy batchPolicy() {
            return new BatchPolicy(maxBatchSize, maxQueueDelayMicros, queue, timeout.toMillis(), sessions);
        }
    }

    private Agent(Config config) throws Exception {
        this.backends = AgentBackends.open(config.openVinoLibDir());
        // once, at start (each tool under its time limit), never per request
        NodeReport report = new NodeReport(
                List.copyOf(backends.byName().keySet()),
                new HardwareProbe(ProbeSources.linux(System.getenv()))
                        .probe()
                        .withOpenvinoDevices(backends.openvinoDevices()));
        this.watches = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "canary-watch");
            thread.setDaemon(true);
            return thread;
        });
        ServedModels models = new ServedModels();
        this.serving = new ServingService(models, config.timeout());
        this.service = new MeasuredInferenceService(serving, metrics);
        ModelRepository repository = new ModelRepository(config.repository());
        this.deployments = new Deployments(
                repository,
                models,
                backends.byName(),
                new BatchingExecutors(repository, config.batchPolicy(), metrics, drift, config.driftWindow()),
                new io.mlops.agent.v2.SampleInputFile(),
                new BundleReader(config.http().maxBundleBytes()),
                watches,
                new Deployments.DeploymentSettings(
                        config.sessions(), Duration.ofMinutes(5), AgentBackends.defaultDevices(config.defaultDevice())),
                drift::status);
        metrics.addSource(new ModelLoadTimes(deployments::statuses));
        metrics.addSource(drift);
        GpuMemory.onPath().ifPresent(metrics::addSource);
        this.http = new AgentHttpServer(
                config.http(),
                service,
                deployments,
                models,
                config.timeout().toMillis() + 1000,
                metrics::scrape,
                report);
        // Live at once (probes see the process), ready once the repository is loaded.
        try {
            http.start();
        } catch (java.io.IOException e) {
            close();
            throw new io.mlops.error.UserError(
                    "cannot listen on " + config.http().host() + ":"
                            + config.http().port() + ": " + e.getMessage(),
                    e);
        }
        GrpcServer grpcServer = null;
        try {
            // the same service on a second transport: gRPC clients see the same models, rules and errors
            if (config.grpcPort() >= 0) {
                grpcServer = GrpcServer.start(
                        service,
                        config.http().host(),
                        config.grpcPort(),
                        (int) Math.min(Integer.MAX_VALUE, config.http().maxBodyBytes()),
                        Optional.ofNullable(config.http().inferenceToken()));
            }
            this.loaded = deployments.loadRepository();
        } catch (RuntimeException e) {
            if (grpcServer != null) {
                grpcServer.close();
            }
            // the HTTP server, the executors and every runtime opened above
            close();
            throw e;
        }
        this.grpc = grpcServer;
        serving.started();
    }

    /**
     * Starts an agent: opens the HTTP port, then loads every version in the repository.
     *
     * @param config how to run it
     * @return the running agent
     * @throws Exception when the port cannot be bound or the repository read
     */
    public static Agent start(Config config) throws Exception {
        return new Agent(config);
    }

    /**
     * The HTTP port.
     *
     * @return the bound port
     */
    public int httpPort() {
        return http.port();
    }

    /**
     * The gRPC port.
     *
     * @return the bound port, or -1 when the agent serves no gRPC
     */
    public int grpcPort() {
        return grpc == null ? -1 : grpc.port();
    }

    /**
     * The backends that did not load on this node, and why.
     *
     * @return one line per backend
     */
    public List<String> unavailableBackends() {
        return backends.unavailable();
    }

    /**
     * The V2 inference service, for other transports (gRPC) to serve too.
     *
     * @return the service
     */
    public InferenceService service() {
        return service;
    }

    /**
     * The agent's metrics, as {@code /metrics} serves them.
     *
     * @return the metrics
     */
    public AgentMetrics metrics() {
        return metrics;
    }

    /**
     * The admin operations.
     *
     * @return the deployments
     */
    public Deployments deployments() {
        return deployments;
    }

    /**
     * What was loaded from the repository at start.
     *
     * @return each model's status then
     */
    public List<ModelStatus> loadedAtStart() {
        return loaded;
    }

    /** Stops gracefully: no new connections, requests in progress finish, then the runtimes close. */
    @Override
    public void close() throws Exception {
        try {
            if (grpc != null) {
                grpc.close();
            }
        } finally {
            try {
                http.close();
            } finally {
                watches.shutdownNow();
                backends.close();
            }
        }
    }
}
