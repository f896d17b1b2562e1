package io.mlops.agent.grpc;

import io.mlops.agent.grpc.v2.DataType;
import io.mlops.agent.grpc.v2.ModelConfig;
import io.mlops.agent.grpc.v2.ModelDynamicBatching;
import io.mlops.agent.grpc.v2.ModelInput;
import io.mlops.agent.grpc.v2.ModelInstanceGroup;
import io.mlops.agent.grpc.v2.ModelOutput;
import io.mlops.agent.grpc.v2.ModelVersionPolicy;
import io.mlops.agent.serve.ModelMetadata;
import io.mlops.agent.serve.SchedulingPolicy;
import io.mlops.protocol.v2.TensorSpec;
import java.util.List;

/**
 * A model version's configuration as the message of Triton's {@code ModelConfig} RPC, the same
 * fields the HTTP endpoint answers.
 */
final class ModelConfigMessages {
    private ModelConfigMessages() {}

    /**
     * The configuration's message.
     *
     * @param config the configuration
     * @return the message
     */
    static ModelConfig of(io.mlops.agent.serve.ModelConfig config) {
        ModelMetadata metadata = config.metadata();
        ModelConfig.Builder out = ModelConfig.newBuilder()
                .setName(metadata.name())
                .setPlatform(metadata.platform())
                .setBackend(config.backend())
                .setVersionPolicy(versionPolicy(metadata.versions()))
                .setMaxBatchSize(config.maxBatchSize());
        for (TensorSpec spec : metadata.inputs()) {
            ModelInput.Builder input =
                    ModelInput.newBuilder().setName(spec.name()).setDataType(type(spec));
            for (long dim : config.dims(spec)) {
                input.addDims(dim);
            }
            out.addInput(input);
        }
        for (TensorSpec spec : metadata.outputs()) {
            ModelOutput.Builder output =
                    ModelOutput.newBuilder().setName(spec.name()).setDataType(type(spec));
            for (long dim : config.dims(spec)) {
                output.addDims(dim);
            }
            if (config.labelFile() != null) {
                output.setLabelFilename(config.labelFile());
            }
            out.addOutput(output);
        }
        SchedulingPolicy scheduling = config.scheduling();
        if (config.batchDimension() && scheduling.dynamicBatching()) {
            out.setDynamicBatching(
                    ModelDynamicBatching.newBuilder().setMaxQueueDelayMicroseconds(scheduling.maxQueueDelayMicros()));
        }
        out.addInstanceGroup(ModelInstanceGroup.newBuilder()
                .setName(metadata.name())
                .setKind(ModelInstanceGroup.Kind.valueOf(config.instanceKind()))
                .setCount(scheduling.instances())
                .addAllGpus(config.gpus()));
        return out.build();
    }

    private static DataType type(TensorSpec spec) {
        return DataType.valueOf(io.mlops.agent.serve.ModelConfig.tritonType(spec));
    }

    private static ModelVersionPolicy versionPolicy(List<String> versions) {
        boolean numeric = !versions.isEmpty()
                && versions.stream()
                        .allMatch(v ->
                                !v.isEmpty() && v.length() < 19 && v.chars().allMatch(Character::isDigit));
        if (!numeric) {
            return ModelVersionPolicy.newBuilder()
                    .setAll(ModelVersionPolicy.All.getDefaultInstance())
                    .build();
        }
        return ModelVersionPolicy.newBuilder()
                .setSpecific(ModelVersionPolicy.Specific.newBuilder()
                        .addAllVersions(versions.stream().map(Long::parseLong).toList()))
                .build();
    }
}
