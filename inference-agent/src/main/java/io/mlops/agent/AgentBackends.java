package io.mlops.agent;

import io.mlops.agent.backend.Backend;
import io.mlops.agent.backend.onnxruntime.OnnxRuntimeBackend;
import io.mlops.agent.backend.openvino.OpenVinoBackend;
import io.mlops.agent.backend.tensorrt.TensorRtBackend;
import io.mlops.error.UserError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The runtimes this node can offer. ONNX Runtime ships inside the agent and is always there;
 * OpenVINO and TensorRT are the node's own installations, so each is opened when its libraries load and
 * left out, with the reason in {@link #unavailable()}, when they do not: a deployment naming a missing
 * backend is then refused with the list of those present.
 */
public final class AgentBackends implements AutoCloseable {
    private static final long NATIVE_START_STACK_BYTES = 16L << 20;

    private final Map<String, Backend> backends;
    private final List<String> unavailable;

    private AgentBackends(Map<String, Backend> backends, List<String> unavailable) {
        this.backends = backends;
        this.unavailable = unavailable;
    }

    /**
     * Opens every runtime that loads on this node.
     *
     * @param openVinoLibDir where OpenVINO's {@code libopenvino_c.so} is, or empty for {@code $OPENVINO_LIB_DIR}
     *     and the system library path
     * @return the backends
     */
    public static AgentBackends open(Optional<Path> openVinoLibDir) {
        // The runtimes' native start-up (ONNX Runtime's environment above all) runs deep on the
        // calling thread's stack: on the JVM's default 1 MiB it overflowed and killed the process with
        // SIGSEGV, depending on nothing more than the class path. A thread of its own with a stack
        // that leaves room for it makes start-up independent of how the agent was launched.
        AtomicReference<AgentBackends> opened = new AtomicReference<>();
        AtomicReference<Throwable> failed = new AtomicReference<>();
        Thread opener = new Thread(
                null,
                () -> {
                    try {
                        opened.set(openHere(openVinoLibDir));
                    } catch (Throwable e) {
                        failed.set(e);
                    }
                },
                "backend-start",
                NATIVE_START_STACK_BYTES);
        opener.start();
        try {
            opener.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the runtimes start", e);
        }
        Throwable failure = failed.get();
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return opened.get();
    }

    private static AgentBackends openHere(Optional<Path> openVinoLibDir) {
        Map<String, Backend> backends = new LinkedHashMap<>();
        List<String> unavailable = new ArrayList<>();
        backends.put("onnxruntime", new OnnxRuntimeBackend());
        tryOpen("openvino", () -> OpenVinoBackend.create(openVinoLibDir), backends, unavailable);
        tryOpen("tensorrt", TensorRtBackend::create, backends, unavailable);
        return new AgentBackends(backends, List.copyOf(unavailable));
    }

    private static void tryOpen(
            String name, Supplier<Backend> open, Map<String, Backend> backends, List<String> unavailable) {
        try {
            backends.put(name, open.get());
        } catch (UserError e) {
            unavailable.add(name + ": " + e.getMessage());
        }
    }

    /**
     * The backends that loaded.
     *
     * @return them by name
     */
    public Map<String, Backend> byName() {
        return Map.copyOf(backends);
    }

    /**
     * The backends that did not load.
     *
     * @return one line per backend: its name and why
     */
    public List<String> unavailable() {
        return unavailable;
    }

    /**
     * The devices of the OpenVINO runtime this agent loaded, for the hardware report.
     *
     * @return e.g. {@code CPU}; empty without OpenVINO or when it cannot list them
     */
    public List<String> openvinoDevices() {
        if (backends.get("openvino") instanceof OpenVinoBackend openvino) {
            try {
                return openvino.availableDevices();
            } catch (UserError e) {
                return List.of();
            }
        }
        return List.of();
    }

    /**
     * Each backend's device when a deployment names none.
     *
     * @param onnxRuntimeDevice the operator's choice for ONNX Runtime ({@code --device})
     * @return the devices by backend
     */
    public static Map<String, String> defaultDevices(String onnxRuntimeDevice) {
        return Map.of("onnxruntime", onnxRuntimeDevice, "openvino", "CPU", "tensorrt", "0");
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (Backend backend : backends.values()) {
            try {
                backend.close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
