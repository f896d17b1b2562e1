package io.mlops.agent.backend.tensorrt;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.mlops.error.UserError;

/**
 * Opens TensorRT for a test, or skips it with the reason. This is the suite's one skip that stays a
 * skip under {@code CI=true}: CI machines have no NVIDIA GPU, and TensorRT cannot run without one
 * (nor be installed from Maven Central: only the JavaCPP bindings come from there). On a GPU node
 * with TensorRT 10 and CUDA 13 in the library path, the tests run.
 */
public final class TensorRtNode {
    private TensorRtNode() {}

    /**
     * Opens TensorRT.
     *
     * @return the backend; the calling test is skipped when TensorRT or a GPU is missing
     */
    public static TensorRtBackend backendOrSkip() {
        try {
            return TensorRtBackend.create();
        } catch (UserError e) {
            assumeTrue(false, "skipped, no TensorRT here: " + e.getMessage());
            throw e;
        }
    }
}
