package io.mlops.agent.serve;

import io.mlops.protocol.v2.TensorSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What Triton's model configuration endpoint tells about a model version, the part perf_analyzer
 * and model_analyzer read: its runtime, batching, tensors and instances.
 *
 * @param metadata the version's name, ready versions, platform, inputs and outputs
 * @param backend the backend's name, e.g. {@code onnxruntime}
 * @param device where it runs, e.g. {@code cpu}, {@code cuda:0}, {@code GPU}
 * @param batchDimension whether every input and output has a dynamic first dimension, the batch
 * @param scheduling how its executor schedules requests
 * @param labelFile the name of the labels file in the version's directory, or null for none
 * @param labels the class labels, one per index; empty for none
 */
public record ModelConfig(
        ModelMetadata metadata,
        String backend,
        String device,
        boolean batchDimension,
        SchedulingPolicy scheduling,
        String labelFile,
        List<String> labels) {
    /** Copies the labels. */
    public ModelConfig {
        labels = List.copyOf(labels);
    }

    /**
     * Triton's {@code max_batch_size}: the most rows a request or batch may have when the model has
     * a batch dimension, else 0 (then the dims are the full shapes).
     *
     * @return the maximum batch size, or 0
     */
    public int maxBatchSize() {
        return batchDimension ? Math.max(1, scheduling.maxBatchSize()) : 0;
    }

    /**
     * A tensor's dims as Triton's configuration writes them: without the batch dimension when the
     * model has one.
     *
     * @param spec the tensor
     * @return its dims, {@code -1} for any size
     */
    public long[] dims(TensorSpec spec) {
        long[] shape = spec.shape();
        if (!batchDimension || shape.length == 0) {
            return shape.clone();
        }
        return Arrays.copyOfRange(shape, 1, shape.length);
    }

    /**
     * Triton's instance kind for the device.
     *
     * @return {@code KIND_GPU} for a CUDA or GPU device, else {@code KIND_CPU}
     */
    public String instanceKind() {
        String lower = device == null ? "" : device.toLowerCase(Locale.ROOT);
        return lower.startsWith("cuda") || lower.startsWith("gpu") ? "KIND_GPU" : "KIND_CPU";
    }

    /**
     * The GPU ids the instances run on.
     *
     * @return e.g. {@code [0]} for {@code cuda:0}; empty on CPU
     */
    public List<Integer> gpus() {
        if (!instanceKind().equals("KIND_GPU")) {
            return List.of();
        }
        int colon = device.lastIndexOf(':');
        if (colon < 0) {
            return List.of(0);
        }
        String id = device.substring(colon + 1);
        return id.chars().allMatch(Character::isDigit) && !id.isEmpty() ? List.of(Integer.parseInt(id)) : List.of(0);
    }

    /**
     * Triton's name of a datatype in configurations.
     *
     * @param spec the tensor
     * @return e.g. {@code TYPE_FP32}, {@code TYPE_STRING} for BYTES
     */
    public static String tritonType(TensorSpec spec) {
        String name = spec.datatype().name();
        return name.equals("BYTES") ? "TYPE_STRING" : "TYPE_" + name;
    }
}
