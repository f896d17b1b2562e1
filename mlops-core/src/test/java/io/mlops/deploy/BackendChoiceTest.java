package io.mlops.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.mlops.error.UserError;
import io.mlops.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code backend: 'auto'}: the backend chosen from an agent's {@code GET /v2} answer, read over HTTP
 * from a loopback server that answers with recorded agent answers (resources {@code agent-v2/}).
 */
class BackendChoiceTest {
    private static final String TOKEN = "admin-token";

    private HttpServer server;
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void shouldChooseTensorRtOnAnNvidiaNodeThatLoadedIt() throws Exception {
        BackendChoice choice = chooseFrom("h100-tensorrt.json");

        assertThat(choice.backend()).isEqualTo("tensorrt");
        assertThat(choice.reason())
                .isEqualTo("the agent loaded TensorRT and the node has an NVIDIA GPU (NVIDIA H100 80GB HBM3)");
        assertThat(authorizations).containsExactly("Bearer " + TOKEN);
    }

    @Test
    void shouldChooseOpenVinoOnAnIntelXeon() throws Exception {
        BackendChoice choice = chooseFrom("xeon-openvino.json");

        assertThat(choice.backend()).isEqualTo("openvino");
        assertThat(choice.describe())
                .isEqualTo("backend auto: openvino (the agent loaded OpenVINO and the CPU is Intel"
                        + " (Intel(R) Xeon(R) Gold 6338 CPU @ 2.00GHz))");
    }

    @Test
    void shouldChooseOnnxRuntimeOnAnAmdNodeEvenWithOpenVinoLoaded() throws Exception {
        BackendChoice choice = chooseFrom("amd-epyc.json");

        assertThat(choice.backend()).isEqualTo("onnxruntime");
        assertThat(choice.reason())
                .isEqualTo("no NVIDIA GPU and no Intel hardware on the node (CPU: AMD EPYC, agent backends:"
                        + " onnxruntime, openvino); ONNX Runtime serves everywhere");
    }

    @Test
    void shouldChooseOnnxRuntimeForAnAgentThatDoesNotReportItsHardware() throws Exception {
        BackendChoice choice = chooseFrom("old-agent.json");

        assertThat(choice.backend()).isEqualTo("onnxruntime");
        assertThat(choice.reason()).contains("the agent does not report its hardware (no 'mlops' object in GET /v2");
    }

    @Test
    void shouldChooseOpenVinoForAnIntelGpuOrNpuWhateverTheCpu() {
        JsonNode amdWithArc = metadata("{\"mlops\":{\"backends\":[\"onnxruntime\",\"openvino\"],\"hardware\":"
                + "{\"cpu\":{\"vendor\":\"amd\"},\"gpus\":[],\"openvinoDevices\":[\"CPU\",\"GPU.0\",\"NPU\"]}}}");

        BackendChoice choice = BackendChoice.fromServerMetadata(amdWithArc);

        assertThat(choice)
                .isEqualTo(new BackendChoice("openvino", "the agent loaded OpenVINO and OpenVINO sees GPU.0, NPU"));
    }

    @Test
    void shouldSayWhichBackendTheAgentLacksWhenItFallsBack() {
        JsonNode h100WithoutTensorRt = metadata("{\"mlops\":{\"backends\":[\"onnxruntime\"],\"hardware\":"
                + "{\"cpu\":{\"vendor\":\"intel\",\"model\":\"Xeon\"},\"gpus\":[{\"index\":0,\"name\":\"NVIDIA H100\"}],"
                + "\"openvinoDevices\":[]}}}");

        BackendChoice choice = BackendChoice.fromServerMetadata(h100WithoutTensorRt);

        assertThat(choice.backend()).isEqualTo("onnxruntime");
        assertThat(choice.reason())
                .isEqualTo("the node has an NVIDIA GPU (NVIDIA H100) but the agent did not load TensorRT; the node"
                        + " has Intel hardware but the agent did not load OpenVINO; ONNX Runtime serves everywhere");
    }

    @Test
    void shouldPreferTensorRtOverOpenVinoOnAnIntelHostWithAnNvidiaGpu() {
        JsonNode both = metadata("{\"mlops\":{\"backends\":[\"openvino\",\"tensorrt\",\"onnxruntime\"],\"hardware\":"
                + "{\"cpu\":{\"vendor\":\"intel\"},\"gpus\":[{\"index\":0,\"name\":\"NVIDIA L4\"}]}}}");

        assertThat(BackendChoice.fromServerMetadata(both).backend()).isEqualTo("tensorrt");
    }

    @Test
    void shouldReadAMalformedReportAsNoFacts() {
        JsonNode odd = metadata("{\"mlops\":{\"backends\":\"tensorrt\",\"hardware\":{\"gpus\":{\"name\":\"x\"}}}}");

        assertThat(BackendChoice.fromServerMetadata(odd).backend()).isEqualTo("onnxruntime");
        assertThat(BackendChoice.fromServerMetadata(metadata("{\"mlops\":[]}")).reason())
                .contains("does not report its hardware");
    }

    @Test
    void shouldKeepANamedBackendAndRefuseAutoAsAChoice() {
        assertThat(BackendChoice.named("openvino").reason()).isEqualTo("named by the deployment");
        assertThatThrownBy(() -> new BackendChoice("auto", "x")).isInstanceOf(IllegalArgumentException.class);
        DeployRequest auto = new DeployRequest("http://a:1", "t", "m:1", "auto", null, 100, 0);
        assertThat(auto.autoBackend()).isTrue();
        assertThat(auto.withBackend("openvino"))
                .isEqualTo(new DeployRequest("http://a:1", "t", "m:1", "openvino", null, 100, 0));
    }

    @Test
    void shouldNameTheAgentWhenItRefusesTheToken() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v2", exchange -> {
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
        });
        server.start();

        assertThatThrownBy(() -> new AgentClient(url(), TOKEN).serverMetadata())
                .isInstanceOf(UserError.class)
                .hasMessageContaining("refused the inference token (HTTP 401)");
    }

    private BackendChoice chooseFrom(String fixture) throws IOException {
        byte[] answer;
        try (InputStream in = getClass().getResourceAsStream("agent-v2/" + fixture)) {
            answer = in.readAllBytes();
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v2", exchange -> {
            boolean serverMetadata = "GET".equals(exchange.getRequestMethod())
                    && "/v2".equals(exchange.getRequestURI().getPath());
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(serverMetadata ? 200 : 404, serverMetadata ? answer.length : -1);
            if (serverMetadata) {
                exchange.getResponseBody().write(answer);
            }
            exchange.close();
        });
        server.start();
        JsonNode metadata = new AgentClient(url(), TOKEN).serverMetadata();
        return BackendChoice.fromServerMetadata(metadata);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static JsonNode metadata(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
