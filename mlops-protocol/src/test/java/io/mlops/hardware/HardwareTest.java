package io.mlops.hardware;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.mlops.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class HardwareTest {
    static final Hardware H100_XEON = new Hardware(
            CpuInfo.parse(Fixtures.read("cpuinfo-intel-sapphire-rapids.txt")),
            25769803776L,
            NvidiaSmi.parseGpus(Fixtures.read("nvidia-smi-query-h100.csv"), "12.4"),
            List.of(),
            List.of("tensorrt", "onnxruntime"),
            List.of("CPUExecutionProvider"),
            List.of("openvino: devices are reported by an inference agent that has loaded OpenVINO"));

    private static final ObjectMapper JSON = Json.mapper();

    @Test
    void shouldWriteTheContractsJsonFieldNames() throws IOException {
        JsonNode json = JSON.readTree(JSON.writeValueAsString(H100_XEON));

        assertThat(json.get("cpu").get("vendor").asText()).isEqualTo("intel");
        assertThat(json.get("cpu").get("vendorId").asText()).isEqualTo("GenuineIntel");
        assertThat(json.get("cpu").get("logicalCores").asInt()).isEqualTo(4);
        assertThat(json.get("cpu").get("features").get(0).asText()).isEqualTo("amx_bf16");
        assertThat(json.get("memoryBytes").asLong()).isEqualTo(25769803776L);
        JsonNode gpu = json.get("gpus").get(0);
        assertThat(gpu.get("memoryMiB").asLong()).isEqualTo(81559);
        assertThat(gpu.get("driverVersion").asText()).isEqualTo("550.54.15");
        assertThat(gpu.get("cudaVersion").asText()).isEqualTo("12.4");
        assertThat(gpu.get("computeCapability").asText()).isEqualTo("9.0");
        assertThat(gpu.get("migMode").asText()).isEqualTo("Disabled");
        assertThat(json.get("backends").toString()).isEqualTo("[\"onnxruntime\",\"tensorrt\"]");
        assertThat(json.get("onnxRuntimeProviders").get(0).asText()).isEqualTo("CPUExecutionProvider");
        assertThat(json.get("openvinoDevices")).isEmpty();
        assertThat(json.get("notes")).hasSize(1);
        assertThat(json.fieldNames())
                .toIterable()
                .containsExactly(
                        "cpu", "memoryBytes", "gpus", "openvinoDevices", "backends", "onnxRuntimeProviders", "notes");
    }

    @Test
    void shouldReadItsOwnJsonBack() throws IOException {
        assertThat(JSON.readValue(JSON.writeValueAsString(H100_XEON), Hardware.class))
                .isEqualTo(H100_XEON);
    }

    @Test
    void shouldSurviveJavaSerializationAsJenkinsRemotingUsesIt() throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(H100_XEON);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(H100_XEON);
        }
    }

    @Test
    void shouldAddOpenvinoWithTheDevicesOfALoadedRuntimeAndDropItsNote() {
        Hardware withDevices = H100_XEON.withOpenvinoDevices(List.of("CPU", "GPU.0"));

        assertThat(withDevices.openvinoDevices()).containsExactly("CPU", "GPU.0");
        assertThat(withDevices.backends()).containsExactly("onnxruntime", "openvino", "tensorrt");
        assertThat(withDevices.notes()).isEmpty();
        assertThat(H100_XEON.withOpenvinoDevices(List.of()).backends()).containsExactly("onnxruntime", "tensorrt");
    }
}
