package io.mlops.jenkins.gpu;

import io.mlops.tracking.system.NvidiaSmi;
import java.util.ArrayList;
import jenkins.security.MasterToSlaveCallable;

/**
 * The agent's NVIDIA GPUs by UUID, from {@code nvidia-smi}; none when it is missing, fails or hangs
 * past the timeout. An {@link ArrayList} of strings travels back, so nothing needs listing in the
 * remoting class filter.
 */
final class GpusOnAgent extends MasterToSlaveCallable<ArrayList<String>, RuntimeException> {
    private static final long serialVersionUID = 1L;

    private final long timeoutSeconds;

    GpusOnAgent(long timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds;
    }

    @Override
    public ArrayList<String> call() {
        return new ArrayList<>(new NvidiaSmi("nvidia-smi", timeoutSeconds).gpuUuids());
    }
}
