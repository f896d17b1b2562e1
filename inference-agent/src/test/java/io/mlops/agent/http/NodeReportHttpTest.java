package io.mlops.agent.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.mlops.agent.Agent;
import io.mlops.agent.backend.openvino.OpenVinoLibraries;
import io.mlops.agent.drift.DriftMonitor;
import io.mlops.agent.grpc.v2.GRPCInferenceServiceGrpc;
import io.mlops.agent.grpc.v2.ServerMetadataRequest;
import io.mlops.hardware.CpuInfo;
import io.mlops.hardware.MemInfo;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real agent (with the venv's OpenVINO, so its devices are those of a loaded runtime) reports its node
 * over HTTP ({@code GET /v2}, the admin status) and gRPC (ServerMetadata's extensions), as issue 16's
 * contract says; what it reports is compared with this machine's /proc and with the backends that loaded.
 */
class NodeReportHttpTest {
    private static final String ADMIN_TOKEN = "admin-secret";

    @TempDir
    static Path dir;

    private static Agent agent;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isReadable(Path.of("/proc/cpuinfo")), "a Linux machine");
        agent = Agent.start(new Agent.Config(
                dir.resolve("repo"),
                new HttpSettings("127.0.0.1", 0, 10_000_000, 50_000_000, ADMIN_TOKEN, null),
                2,
                64,
                Duration.ofSeconds(30),
                "cpu",
                0,
                Optional.of(OpenVinoLibraries.libDir()),
                1,
                0,
                DriftMonitor.DEFAULT_WINDOW));
    }

    @AfterAll
    static void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
    }

    @Test
    void shouldReportBackendsAndHardwareBesideStringExtensionsInServerMetadata() throws Exception {
        JsonNode server = get("/v2", false);

        List<String> extensions = new ArrayList<>();
        server.get("extensions").forEach(e -> {
            assertThat(e.isTextual()).as("extensions are strings (KServe V2)").isTrue();
            extensions.add(e.asText());
        });
        assertThat(extensions).contains("mlops-hardware", "binary_tensor_data");
        assertThat(names(server.get("mlops").get("backends"))).isEqualTo(loadedBackends());
        assertHardwareOfThisMachine(server.get("mlops").get("hardware"));
    }

    @Test
    void shouldCarryTheSameReportInTheAdminStatus() throws Exception {
        JsonNode status = get("/v2/admin/models", true);
        JsonNode server = get("/v2", false);

        assertThat(status.get("models")).isEmpty();
        assertThat(status.get("backends")).isEqualTo(server.get("mlops").get("backends"));
        assertThat(status.get("hardware")).isEqualTo(server.get("mlops").get("hardware"));
    }

    @Test
    void shouldAnnounceTheReportInGrpcServerMetadata() throws Exception {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", agent.grpcPort())
                .usePlaintext()
                .build();
        try {
            var metadata = GRPCInferenceServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(30, TimeUnit.SECONDS)
                    .serverMetadata(ServerMetadataRequest.getDefaultInstance());

            assertThat(metadata.getExtensionsList()).contains("mlops-hardware");
        } finally {
            channel.shutdownNow().awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    private static void assertHardwareOfThisMachine(JsonNode hardware) throws Exception {
        String cpuinfo = Files.readString(Path.of("/proc/cpuinfo"));
        assertThat(hardware.get("cpu").get("model").asText())
                .isEqualTo(CpuInfo.parse(cpuinfo).model());
        assertThat(hardware.get("memoryBytes").asLong())
                .isEqualTo(MemInfo.totalBytes(Files.readString(Path.of("/proc/meminfo"))));
        assertThat(names(hardware.get("onnxRuntimeProviders"))).contains("CPUExecutionProvider");
        // started with the venv's OpenVINO libraries, so OpenVINO loaded: the devices are its core's, and CPU is
        // always one of them
        assertThat(loadedBackends()).contains("onnxruntime", "openvino");
        assertThat(names(hardware.get("openvinoDevices"))).contains("CPU");
        assertThat(names(hardware.get("backends"))).contains("onnxruntime", "openvino");
    }

    private static Set<String> loadedBackends() {
        Set<String> loaded = new TreeSet<>(Set.of("onnxruntime", "openvino", "tensorrt"));
        agent.unavailableBackends().forEach(line -> loaded.remove(line.substring(0, line.indexOf(':'))));
        return loaded;
    }

    private static Set<String> names(JsonNode array) {
        Set<String> names = new TreeSet<>();
        array.forEach(n -> names.add(n.asText()));
        return names;
    }

    private static JsonNode get(String path, boolean admin) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + agent.httpPort() + path));
        if (admin) {
            request.header("Authorization", "Bearer " + ADMIN_TOKEN);
        }
        HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return RunningAgent.JSON.readTree(response.body());
    }
}
