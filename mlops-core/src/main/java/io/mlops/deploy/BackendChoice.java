package io.mlops.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The backend {@code backend: 'auto'} deploys with, chosen from what the agent reports in its V2
 * server metadata ({@code GET /v2}, object {@code mlops}: the backends it loaded and its hardware
 * probe), and why.
 *
 * <p>The rule: {@code tensorrt} when the agent loaded TensorRT and the node has an NVIDIA GPU;
 * else {@code openvino} when the agent loaded OpenVINO and the CPU is Intel or OpenVINO sees an
 * Intel GPU or NPU; else {@code onnxruntime}, which every agent serves. An agent that reports no
 * {@code mlops} object (one older than the hardware report) gets {@code onnxruntime}.
 *
 * @param backend the concrete backend: {@code onnxruntime}, {@code openvino} or {@code tensorrt}
 * @param reason why, in words for a build log or a terminal
 */
public record BackendChoice(String backend, String reason) implements Serializable {
    /** Validates the choice. */
    public BackendChoice {
        if (!DeployRequest.BACKENDS.contains(backend)) {
            throw new IllegalArgumentException("no concrete backend: " + backend);
        }
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * Chooses from an agent's V2 server metadata.
     *
     * @param serverMetadata the agent's answer to {@code GET /v2}
     * @return the backend and the reason
     */
    public static BackendChoice fromServerMetadata(JsonNode serverMetadata) {
        JsonNode mlops = serverMetadata == null ? null : serverMetadata.get("mlops");
        if (mlops == null || !mlops.isObject()) {
            return new BackendChoice(
                    "onnxruntime",
                    "the agent does not report its hardware (no 'mlops' object in GET /v2: an agent older than"
                            + " the hardware report), and ONNX Runtime serves on every agent");
        }
        List<String> backends = strings(mlops.path("backends"));
        JsonNode hardware = mlops.path("hardware");
        List<String> gpus = nvidiaGpus(hardware.path("gpus"));
        String vendor = hardware.path("cpu").path("vendor").asText("").toLowerCase(Locale.ROOT);
        String cpu = hardware.path("cpu").path("model").asText(vendor.isEmpty() ? "unknown" : vendor);
        List<String> intelAccelerators = strings(hardware.path("openvinoDevices")).stream()
                .filter(d -> d.equals("GPU") || d.startsWith("GPU.") || d.equals("NPU"))
                .toList();
        if (backends.contains("tensorrt") && !gpus.isEmpty()) {
            return new BackendChoice(
                    "tensorrt", "the agent loaded TensorRT and the node has an NVIDIA GPU (" + gpus.getFirst() + ")");
        }
        boolean intel = vendor.equals("intel");
        if (backends.contains("openvino") && (intel || !intelAccelerators.isEmpty())) {
            return new BackendChoice(
                    "openvino",
                    "the agent loaded OpenVINO and "
                            + (intel
                                    ? "the CPU is Intel (" + cpu + ")"
                                    : "OpenVINO sees " + String.join(", ", intelAccelerators)));
        }
        List<String> missed = new ArrayList<>();
        if (!gpus.isEmpty()) {
            missed.add("the node has an NVIDIA GPU (" + gpus.getFirst() + ") but the agent did not load TensorRT");
        }
        if (intel || !intelAccelerators.isEmpty()) {
            missed.add("the node has Intel hardware but the agent did not load OpenVINO");
        }
        return new BackendChoice(
                "onnxruntime",
                missed.isEmpty()
                        ? "no NVIDIA GPU and no Intel hardware on the node (CPU: " + cpu + ", agent backends: "
                                + (backends.isEmpty() ? "none reported" : String.join(", ", backends))
                                + "); ONNX Runtime serves everywhere"
                        : String.join("; ", missed) + "; ONNX Runtime serves everywhere");
    }

    /**
     * A backend the deployment named itself.
     *
     * @param backend the concrete backend
     * @return the choice, with that as its reason
     */
    public static BackendChoice named(String backend) {
        return new BackendChoice(backend, "named by the deployment");
    }

    /**
     * One line for a log: the backend and why.
     *
     * @return e.g. {@code backend auto: openvino (the agent loaded OpenVINO and the CPU is Intel (...))}
     */
    public String describe() {
        return "backend auto: " + backend + " (" + reason + ")";
    }

    /** The probe lists NVIDIA GPUs only (nvidia-smi / NVML); a vendor field, where present, must agree. */
    private static List<String> nvidiaGpus(JsonNode gpus) {
        List<String> names = new ArrayList<>();
        for (JsonNode gpu : gpus.isArray() ? gpus : List.<JsonNode>of()) {
            String vendor = gpu.path("vendor").asText("nvidia");
            if (gpu.isObject() && vendor.toLowerCase(Locale.ROOT).contains("nvidia")) {
                names.add(gpu.path("name").asText("GPU " + gpu.path("index").asText("?")));
            }
        }
        return names;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        for (JsonNode value : array.isArray() ? array : List.<JsonNode>of()) {
            if (value.isTextual()) {
                values.add(value.asText());
            }
        }
        return values;
    }
}
