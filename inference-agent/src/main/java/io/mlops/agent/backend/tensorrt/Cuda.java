package io.mlops.agent.backend.tensorrt;

import static org.bytedeco.cuda.global.cudart.cudaGetErrorString;

import io.mlops.error.UserError;

/** The one rule for CUDA runtime results: anything but success is an error that says what failed. */
final class Cuda {
    private Cuda() {}

    /**
     * Fails when a CUDA call did not succeed.
     *
     * @param status the {@code cudaError_t}
     * @param what what was being done
     * @throws UserError with CUDA's message
     */
    static void check(int status, String what) {
        if (status != 0) {
            throw new UserError(
                    "CUDA cannot " + what + ": " + cudaGetErrorString(status).getString());
        }
    }
}
