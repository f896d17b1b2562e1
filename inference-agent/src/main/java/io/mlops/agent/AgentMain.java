package io.mlops.agent;

import io.mlops.agent.http.HttpSettings;
import io.mlops.agent.labeling.LabelStudioAccess;
import io.mlops.error.UserError;
import io.mlops.net.ConnectionLimits;
import io.mlops.protocol.admin.ModelStatus;
import io.mlops.protocol.admin.VersionStatus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code inference-agent} process: loads every model version in the repository (the highest
 * ready version of each serves), then answers the KServe V2 protocol over HTTP (and gRPC with {@code --grpc-port}) and the admin API
 * until stopped; on SIGTERM it stops taking connections and lets requests in progress finish.
 */
@Command(
        name = "inference-agent",
        mixinStandardHelpOptions = true,
        versionProvider = AgentMain.Version.class,
        description = "Serves ONNX models over the KServe V2 protocol, with an admin API for deployments.")
public final class AgentMain implements java.util.concurrent.Callable<Integer> {
    @Option(names = "--repository", required = true, description = "model repository: <dir>/<model>/<version>/")
    Path repository;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to bind (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", defaultValue = "8000", description = "HTTP port (default: ${DEFAULT-VALUE}; 0 = any)")
    int port;

    @Option(
            names = "--grpc-port",
            defaultValue = "-1",
            description = "KServe V2 gRPC port on the same address (0 = any; default: no gRPC)")
    int grpcPort;

    @Option(
            names = "--openvino-lib-dir",
            description = "directory holding OpenVINO's libopenvino_c.so (default: $OPENVINO_LIB_DIR, then the"
                    + " library path), e.g. the openvino/libs folder of the openvino pip package")
    Path openVinoLibDir;

    @Option(names = "--admin-token-file", required = true, description = "file holding the admin API's bearer token")
    Path adminTokenFile;

    @Option(names = "--inference-token-file", description = "file holding a bearer token the V2 endpoints require")
    Path inferenceTokenFile;

    @Option(
            names = "--label-studio-url",
            defaultValue = "${env:MLOPS_LABEL_STUDIO_URL}",
            description = "Label Studio server whose task images pre-annotation (/label-studio/<model>) downloads;"
                    + " images elsewhere are refused (env MLOPS_LABEL_STUDIO_URL)")
    String labelStudioUrl;

    @Option(
            names = "--label-studio-token-file",
            defaultValue = "${env:MLOPS_LABEL_STUDIO_TOKEN_FILE}",
            description = "file holding a Label Studio API token (legacy token or personal access token)"
                    + " for downloading task images (env MLOPS_LABEL_STUDIO_TOKEN_FILE)")
    Path labelStudioTokenFile;

    @Option(
            names = "--label-studio-max-image-bytes",
            defaultValue = "33554432",
            description = "largest task image downloaded from Label Studio (default: ${DEFAULT-VALUE})")
    long labelStudioMaxImageBytes;

    @Option(
            names = "--max-body-bytes",
            defaultValue = "67108864",
            description = "largest inference request body (default: ${DEFAULT-VALUE})")
    long maxBodyBytes;

    @Option(
            names = "--max-bundle-bytes",
            defaultValue = "4294967296",
            description = "largest deployment bundle, packed or unpacked (default: ${DEFAULT-VALUE})")
    long maxBundleBytes;

    @Option(
            names = "--sessions",
            defaultValue = "2",
            description = "inferences run at once per model version (default: ${DEFAULT-VALUE})")
    int sessions;

    @Option(
            names = {"--queue-capacity", "--queue"},
            defaultValue = "64",
            description = "requests that may wait per model version before 429 (default: ${DEFAULT-VALUE})")
    int queue;

    @Option(
            names = {"--request-timeout-ms", "--timeout-ms"},
            defaultValue = "30000",
            description = "per-request timeout; a request still queued then is failed with 429 and never run"
                    + " (default: ${DEFAULT-VALUE})")
    long timeoutMillis;

    @Option(
            names = "--max-batch-size",
            defaultValue = "1",
            description = "dynamic batching: the most rows one execution takes; 1 = off (default: ${DEFAULT-VALUE})")
    int maxBatchSize;

    @Option(
            names = "--max-queue-delay-us",
            defaultValue = "0",
            description = "dynamic batching: how long a batch's first request may wait for others, in microseconds;"
                    + " 0 = only those already waiting (default: ${DEFAULT-VALUE})")
    long maxQueueDelayMicros;

    @Option(
            names = "--drift-window",
            defaultValue = "1000",
            description = "input drift: the recent rows each input's PSI is computed on (default: ${DEFAULT-VALUE})")
    int driftWindow;

    @Option(
            names = "--device",
            defaultValue = "cpu",
            description =
                    "onnxruntime device when a deployment names none: cpu, cuda, tensorrt (default: ${DEFAULT-VALUE})")
    String device;

    @Option(
            names = "--allowed-hosts",
            split = ",",
            paramLabel = "HOST",
            description = "Host names the agent answers besides localhost, IP addresses and --host, e.g."
                    + " agent.example.com or *.example.com; * answers every name (default: none more)")
    java.util.List<String> allowedHosts = new java.util.ArrayList<>();

    @Option(
            names = "--cors-allowed-origins",
            split = ",",
            paramLabel = "ORIGIN",
            description = "Web origins whose pages may POST to the agent besides loopback ones, e.g."
                    + " https://ui.example.com; * allows all (default: none more)")
    java.util.List<String> allowedOrigins = new java.util.ArrayList<>();

    @Option(
            names = "--max-connections",
            defaultValue = "1024",
            description = "most open HTTP connections (default: ${DEFAULT-VALUE})")
    int maxConnections;

    @Option(
            names = "--request-timeout-s",
            defaultValue = "20",
            description = "longest wait for a request header, or for a body of up to 64 KiB; larger bodies"
                    + " must then keep up with --min-body-rate (default: ${DEFAULT-VALUE})")
    long requestTimeoutSeconds;

    @Option(
            names = "--min-body-rate",
            defaultValue = "1024",
            description = "slowest accepted upload, bytes per second (default: ${DEFAULT-VALUE})")
    long minBodyRate;

    /** The agent's version, from its jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = AgentMain.class.getPackage().getImplementationVersion();
            return new String[] {"inference-agent " + (version == null ? "(development build)" : version)};
        }
    }

    /**
     * Runs the agent.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        CommandLine command = new CommandLine(new AgentMain());
        command.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof UserError) {
                line.getErr().println("inference-agent: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        System.exit(command.execute(args));
    }

    @Override
    public Integer call() throws Exception {
        String adminToken = token(adminTokenFile, "--admin-token-file");
        String inferenceToken = inferenceTokenFile == null ? null : token(inferenceTokenFile, "--inference-token-file");
        Agent agent = Agent.start(new Agent.Config(
                repository,
                new HttpSettings(
                        host,
                        port,
                        maxBodyBytes,
                        maxBundleBytes,
                        adminToken,
                        inferenceToken,
                        limits(),
                        allowedHosts,
                        allowedOrigins,
                        labelStudio()),
                sessions,
                queue,
                Duration.ofMillis(timeoutMillis),
                device,
                grpcPort,
                Optional.ofNullable(openVinoLibDir),
                maxBatchSize,
                maxQueueDelayMicros,
                driftWindow));
        System.out.println("inference-agent: listening on http://" + host + ":" + agent.httpPort());
        if (agent.grpcPort() >= 0) {
            System.out.println("inference-agent: gRPC on " + host + ":" + agent.grpcPort());
        }
        for (String missing : agent.unavailableBackends()) {
            System.out.println("inference-agent: backend unavailable, " + missing);
        }
        for (ModelStatus status : agent.loadedAtStart()) {
            for (VersionStatus version : status.versions()) {
                System.out.println("inference-agent: " + status.name() + " version " + version.version() + " "
                        + version.state() + (version.error() == null ? "" : ": " + version.error()));
            }
        }
        System.out.println("inference-agent: ready");
        awaitShutdown(agent);
        return 0;
    }

    private LabelStudioAccess labelStudio() {
        boolean url = labelStudioUrl != null && !labelStudioUrl.isBlank();
        if (url != (labelStudioTokenFile != null)) {
            throw new UserError("--label-studio-url and --label-studio-token-file come together");
        }
        if (!url) {
            return null;
        }
        try {
            return new LabelStudioAccess(
                    java.net.URI.create(labelStudioUrl.strip()),
                    token(labelStudioTokenFile, "--label-studio-token-file"),
                    labelStudioMaxImageBytes,
                    LabelStudioAccess.DEFAULT_MAX_PIXELS);
        } catch (IllegalArgumentException e) {
            throw new UserError("--label-studio-url / --label-studio-max-image-bytes: " + e.getMessage());
        }
    }

    private ConnectionLimits limits() {
        try {
            ConnectionLimits defaults = ConnectionLimits.DEFAULTS;
            return new ConnectionLimits(
                    maxConnections,
                    Duration.ofSeconds(requestTimeoutSeconds),
                    Duration.ofSeconds(requestTimeoutSeconds),
                    defaults.bufferedBodyBytes(),
                    minBodyRate,
                    defaults.idleTimeout().compareTo(Duration.ofSeconds(requestTimeoutSeconds)) > 0
                            ? defaults.idleTimeout()
                            : Duration.ofSeconds(requestTimeoutSeconds));
        } catch (IllegalArgumentException e) {
            throw new UserError("--max-connections, --request-timeout-s and --min-body-rate: " + e.getMessage());
        }
    }

    private static void awaitShutdown(Agent agent) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                agent.close();
                            } catch (Exception e) {
                                System.err.println("inference-agent: stopping: " + e.getMessage());
                            }
                            stopped.countDown();
                        },
                        "agent-shutdown"));
        stopped.await();
    }

    private static String token(Path file, String option) {
        try {
            String token = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (token.isEmpty()) {
                throw new UserError(option + " " + file + " is empty");
            }
            return token;
        } catch (IOException e) {
            throw new UserError("cannot read " + option + " " + file + ": " + e.getMessage(), e);
        }
    }
}
