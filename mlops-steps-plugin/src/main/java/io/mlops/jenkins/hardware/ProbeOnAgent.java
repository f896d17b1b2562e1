package io.mlops.jenkins.hardware;

import io.mlops.hardware.Hardware;
import io.mlops.hardware.HardwareProbe;
import io.mlops.hardware.ProbeSources;
import jenkins.security.MasterToSlaveCallable;

/**
 * Runs the hardware probe on an agent and sends the record back. ONNX Runtime is not asked: a Jenkins
 * agent JVM has no reason to load its native library, and its absence would only add a note.
 */
final class ProbeOnAgent extends MasterToSlaveCallable<Hardware, RuntimeException> {
    private static final long serialVersionUID = 1L;

    @Override
    public Hardware call() {
        return new HardwareProbe(ProbeSources.linux(System.getenv()).withoutOnnxRuntime()).probe();
    }
}
