package io.mlops.agent.conformance;

import io.mlops.agent.backend.Backend;
import io.mlops.agent.backend.onnxruntime.OnnxRuntimeBackend;
import io.mlops.agent.backend.openvino.OpenVinoLibraries;
import io.mlops.agent.backend.tensorrt.TensorRtNode;
import java.util.List;
import java.util.function.Supplier;

/** The backends the conformance suite runs; each opens its runtime, or skips the way its own tests do. */
final class ConformanceBackends {
    private ConformanceBackends() {}

    /**
     * A backend under test.
     *
     * @param name the backend's name, which names its expected-pass list
     * @param open opens the runtime (or skips / fails as that backend's tests do when it is missing)
     * @param device the device to load on
     */
    record BackendUnderTest(String name, Supplier<Backend> open, String device) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<BackendUnderTest> all() {
        return List.of(
                new BackendUnderTest("onnxruntime", OnnxRuntimeBackend::new, "cpu"),
                new BackendUnderTest("openvino", OpenVinoLibraries::backend, "CPU"),
                new BackendUnderTest("tensorrt", TensorRtNode::backendOrSkip, "0"));
    }
}
