package io.mlops.jenkins.gpu;

import hudson.EnvVars;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.plugins.workflow.steps.EnvironmentExpander;

/** The GPUs a withGpus body may use, as CUDA and the NVIDIA container runtime read them. */
final class GpuEnvironment extends EnvironmentExpander {
    private static final long serialVersionUID = 1L;

    private final ArrayList<String> gpus;

    GpuEnvironment(List<String> gpus) {
        this.gpus = new ArrayList<>(gpus);
    }

    @Override
    public void expand(EnvVars env) {
        String list = String.join(",", gpus);
        env.override("CUDA_VISIBLE_DEVICES", list);
        env.override("NVIDIA_VISIBLE_DEVICES", list);
    }
}
