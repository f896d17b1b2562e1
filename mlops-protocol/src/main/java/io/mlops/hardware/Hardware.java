package io.mlops.hardware;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What a machine has for serving and training models: the result of {@link HardwareProbe}. Immutable
 * and serializable, so that it crosses Jenkins remoting and travels as JSON in the inference agent's
 * server metadata (issue 16's contract: these field names are the JSON names).
 *
 * @param cpu the processor
 * @param memoryBytes the physical memory ({@code MemTotal})
 * @param gpus the NVIDIA GPUs, in index order; empty where none (or no driver)
 * @param openvinoDevices the devices an OpenVINO runtime lists ({@code CPU}, {@code GPU.0}, {@code NPU});
 *     empty where no OpenVINO runtime was asked
 * @param backends the deployment backends that can serve here: {@code onnxruntime}, {@code openvino},
 *     {@code tensorrt}, sorted
 * @param onnxRuntimeProviders the execution providers of the ONNX Runtime on the class path
 * @param notes what the probe could not find out, and why (a missing tool is a fact, not an error)
 */
public record Hardware(
        Cpu cpu,
        long memoryBytes,
        List<Gpu> gpus,
        List<String> openvinoDevices,
        List<String> backends,
        List<String> onnxRuntimeProviders,
        List<String> notes)
        implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The ONNX Runtime backend's name. */
    public static final String ONNXRUNTIME = "onnxruntime";

    /** The OpenVINO backend's name. */
    public static final String OPENVINO = "openvino";

    /** The TensorRT backend's name. */
    public static final String TENSORRT = "tensorrt";

    /** Checks and copies the fields. */
    public Hardware {
        Objects.requireNonNull(cpu, "cpu");
        gpus = List.copyOf(gpus);
        openvinoDevices = List.copyOf(openvinoDevices);
        backends = List.copyOf(new TreeSet<>(backends));
        onnxRuntimeProviders = List.copyOf(onnxRuntimeProviders);
        notes = List.copyOf(notes);
    }

    /**
     * The same machine with the devices of an OpenVINO runtime the caller has loaded; {@code openvino}
     * joins the backends when there is at least one device. The inference agent calls this with its own
     * OpenVINO core's devices, because what the agent can load is what matters for serving.
     *
     * @param devices what {@code ov_core_get_available_devices} answered
     * @return a new record
     */
    public Hardware withOpenvinoDevices(List<String> devices) {
        List<String> joined = new ArrayList<>(backends);
        if (!devices.isEmpty()) {
            joined.add(OPENVINO);
        }
        List<String> kept =
                notes.stream().filter(n -> !n.startsWith("openvino:")).toList();
        return new Hardware(cpu, memoryBytes, gpus, devices, joined, onnxRuntimeProviders, kept);
    }

    /**
     * The same machine with a note added.
     *
     * @param note what could not be found out, starting with the source's name and a colon
     * @return a new record
     */
    public Hardware withNote(String note) {
        List<String> more = new ArrayList<>(notes);
        more.add(note);
        return new Hardware(cpu, memoryBytes, gpus, openvinoDevices, backends, onnxRuntimeProviders, more);
    }

    /**
     * Whether the machine has an NVIDIA GPU.
     *
     * @return true when {@code nvidia-smi} listed one
     */
    public boolean hasNvidiaGpu() {
        return !gpus.isEmpty();
    }
}
