package io.mlops.agent.grpc;

import com.google.protobuf.ByteString;
import io.grpc.stub.StreamObserver;
import io.mlops.agent.grpc.v2.GRPCInferenceServiceGrpc;
import io.mlops.agent.grpc.v2.InferParameter;
import io.mlops.agent.grpc.v2.ModelConfigRequest;
import io.mlops.agent.grpc.v2.ModelConfigResponse;
import io.mlops.agent.grpc.v2.ModelInferRequest;
import io.mlops.agent.grpc.v2.ModelInferResponse;
import io.mlops.agent.grpc.v2.ModelMetadataRequest;
import io.mlops.agent.grpc.v2.ModelMetadataResponse;
import io.mlops.agent.grpc.v2.ModelReadyRequest;
import io.mlops.agent.grpc.v2.ModelReadyResponse;
import io.mlops.agent.grpc.v2.ServerLiveRequest;
import io.mlops.agent.grpc.v2.ServerLiveResponse;
import io.mlops.agent.grpc.v2.ServerMetadataRequest;
import io.mlops.agent.grpc.v2.ServerMetadataResponse;
import io.mlops.agent.grpc.v2.ServerReadyRequest;
import io.mlops.agent.grpc.v2.ServerReadyResponse;
import io.mlops.agent.serve.Classification;
import io.mlops.agent.serve.InferRequest;
import io.mlops.agent.serve.InferResponse;
import io.mlops.agent.serve.InferenceService;
import io.mlops.agent.serve.ModelMetadata;
import io.mlops.agent.serve.UnknownModel;
import io.mlops.error.UserError;
import io.mlops.protocol.v2.DataType;
import io.mlops.protocol.v2.InvalidInput;
import io.mlops.protocol.v2.Tensor;
import io.mlops.protocol.v2.TensorSpec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The V2 gRPC service {@code inference.GRPCInferenceService} over an {@link InferenceService}: it only
 * translates messages, so gRPC and HTTP clients get the same models, rules and errors.
 *
 * <p>Inputs may come as typed {@code contents} or as {@code raw_input_contents}. The reply uses typed
 * contents when the request did and every output has a typed field; otherwise raw contents, as
 * Triton answers (tritonclient reads either).
 */
public final class V2GrpcService extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {
    private final InferenceService service;

    /**
     * Creates the adapter.
     *
     * @param service the service the calls go to
     */
    public V2GrpcService(InferenceService service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    @Override
    public void serverLive(ServerLiveRequest request, StreamObserver<ServerLiveResponse> reply) {
        answer(
                reply,
                () -> ServerLiveResponse.newBuilder().setLive(service.live()).build());
    }

    @Override
    public void serverReady(ServerReadyRequest request, StreamObserver<ServerReadyResponse> reply) {
        answer(
                reply,
                () -> ServerReadyResponse.newBuilder().setReady(service.ready()).build());
    }

    /**
     * Answers {@code ready: false} for a model or version the agent does not hold, as Triton's
     * server does ({@code InferenceServer::ModelIsReady} turns a failed model lookup into "not ready"
     * and succeeds), rather than NOT_FOUND: a readiness probe asks a yes-or-no question.
     */
    @Override
    public void modelReady(ModelReadyRequest request, StreamObserver<ModelReadyResponse> reply) {
        answer(reply, () -> {
            boolean ready;
            try {
                ready = service.modelReady(request.getName(), version(request.getVersion()));
            } catch (UnknownModel unknown) {
                ready = false;
            }
            return ModelReadyResponse.newBuilder().setReady(ready).build();
        });
    }

    @Override
    public void serverMetadata(ServerMetadataRequest request, StreamObserver<ServerMetadataResponse> reply) {
        answer(
                reply,
                () -> ServerMetadataResponse.newBuilder()
                        .setName(service.serverName())
                        .setVersion(service.serverVersion())
                        .addAllExtensions(service.extensions())
                        .build());
    }

    @Override
    public void modelMetadata(ModelMetadataRequest request, StreamObserver<ModelMetadataResponse> reply) {
        answer(reply, () -> {
            ModelMetadata metadata = service.metadata(request.getName(), version(request.getVersion()));
            ModelMetadataResponse.Builder out = ModelMetadataResponse.newBuilder()
                    .setName(metadata.name())
                    .addAllVersions(metadata.versions())
                    .setPlatform(metadata.platform());
            metadata.inputs().forEach(spec -> out.addInputs(tensorMetadata(spec)));
            metadata.outputs().forEach(spec -> out.addOutputs(tensorMetadata(spec)));
            return out.build();
        });
    }

    @Override
    public void modelConfig(ModelConfigRequest request, StreamObserver<ModelConfigResponse> reply) {
        answer(
                reply,
                () -> ModelConfigResponse.newBuilder()
                        .setConfig(ModelConfigMessages.of(
                                service.config(request.getName(), version(request.getVersion()))))
                        .build());
    }

    @Override
    public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> reply) {
        answer(reply, () -> {
            InferResponse response =
                    Classification.apply(service, service.infer(decode(request)), classCounts(request));
            boolean typed = request.getRawInputContentsCount() == 0
                    && response.outputs().stream().allMatch(t -> TypedContents.hasTypedField(t.datatype()));
            return encode(response, typed);
        });
    }

    private static <T> void answer(StreamObserver<T> reply, Supplier<T> call) {
        T response;
        try {
            response = call.get();
        } catch (RuntimeException e) {
            reply.onError(StatusMapping.toStatus(e));
            return;
        }
        reply.onNext(response);
        reply.onCompleted();
    }

    private static String version(String version) {
        return version.isEmpty() ? null : version;
    }

    private static ModelMetadataResponse.TensorMetadata tensorMetadata(TensorSpec spec) {
        ModelMetadataResponse.TensorMetadata.Builder out = ModelMetadataResponse.TensorMetadata.newBuilder()
                .setName(spec.name())
                .setDatatype(spec.datatype().name());
        for (long dim : spec.shape()) {
            out.addShape(dim);
        }
        return out.build();
    }

    /**
     * Turns a gRPC request into the service's request.
     *
     * @param request the message
     * @return the request
     * @throws InvalidInput when a tensor's datatype, shape or data is wrong, naming the input
     */
    static InferRequest decode(ModelInferRequest request) {
        int raw = request.getRawInputContentsCount();
        if (raw > 0 && raw != request.getInputsCount()) {
            throw new InvalidInput("raw_input_contents has " + raw + " entries but the request has "
                    + request.getInputsCount() + " inputs; send one entry per input, in order");
        }
        List<Tensor> inputs = new ArrayList<>(request.getInputsCount());
        for (int i = 0; i < request.getInputsCount(); i++) {
            ModelInferRequest.InferInputTensor input = request.getInputs(i);
            inputs.add(decode(input, raw > 0 ? request.getRawInputContents(i) : null));
        }
        Set<String> outputs = new LinkedHashSet<>();
        request.getOutputsList().forEach(o -> outputs.add(o.getName()));
        return new InferRequest(
                request.getModelName(),
                version(request.getModelVersion()),
                request.getId(),
                inputs,
                outputs,
                parameters(request.getParametersMap()));
    }

    private static Tensor decode(ModelInferRequest.InferInputTensor input, ByteString raw) {
        String name = input.getName();
        try {
            DataType type = DataType.parse(input.getDatatype());
            long[] shape =
                    input.getShapeList().stream().mapToLong(Long::longValue).toArray();
            long elements = Tensor.elementCount(name, shape);
            ByteBuffer data;
            if (raw != null) {
                if (input.hasContents()) {
                    throw new InvalidInput("input '" + name
                            + "' has both typed contents and raw_input_contents; send one or the other");
                }
                data = raw.asReadOnlyByteBuffer();
            } else if (input.hasContents()) {
                data = TypedContents.read(name, type, elements, input.getContents());
            } else {
                throw new InvalidInput("input '" + name + "' " + type + Arrays.toString(shape)
                        + " has no data: set its contents or raw_input_contents");
            }
            return Tensor.of(name, type, shape, data);
        } catch (InvalidInput e) {
            throw e;
        } catch (UserError e) {
            // the tensor layer's messages already say which tensor and what is wrong
            throw new InvalidInput(
                    e.getMessage().startsWith("tensor '") ? e.getMessage() : "input '" + name + "': " + e.getMessage());
        }
    }

    /**
     * The classification extension's class count ({@code classification}, as tritonclient sends it,
     * or {@code class_count}) of each requested output that has one.
     *
     * @throws InvalidInput when a class count is not a whole number of 0 or more
     */
    static Map<String, Integer> classCounts(ModelInferRequest request) {
        Map<String, Integer> counts = new HashMap<>();
        for (ModelInferRequest.InferRequestedOutputTensor output : request.getOutputsList()) {
            for (String key : Classification.PARAMETERS) {
                InferParameter count = output.getParametersMap().get(key);
                if (count == null) {
                    continue;
                }
                long value = switch (count.getParameterChoiceCase()) {
                    case INT64_PARAM -> count.getInt64Param();
                    case UINT64_PARAM -> count.getUint64Param();
                    default -> -1;
                };
                if (value < 0 || value > Integer.MAX_VALUE) {
                    throw new InvalidInput("output '" + output.getName() + "': parameters." + key
                            + " must be a whole number of 0 or more, not " + parameterText(count));
                }
                if (value > 0) {
                    counts.put(output.getName(), (int) value);
                }
            }
        }
        return counts;
    }

    private static Map<String, String> parameters(Map<String, InferParameter> parameters) {
        Map<String, String> out = new HashMap<>();
        parameters.forEach((key, value) -> out.put(key, parameterText(value)));
        return out;
    }

    private static String parameterText(InferParameter parameter) {
        return switch (parameter.getParameterChoiceCase()) {
            case BOOL_PARAM -> Boolean.toString(parameter.getBoolParam());
            case INT64_PARAM -> Long.toString(parameter.getInt64Param());
            case STRING_PARAM -> parameter.getStringParam();
            case DOUBLE_PARAM -> Double.toString(parameter.getDoubleParam());
            case UINT64_PARAM -> Long.toUnsignedString(parameter.getUint64Param());
            case PARAMETERCHOICE_NOT_SET -> "";
        };
    }

    /**
     * Turns the service's reply into a gRPC message.
     *
     * @param response the reply
     * @param typed whether to write typed contents rather than raw ones
     * @return the message
     */
    static ModelInferResponse encode(InferResponse response, boolean typed) {
        ModelInferResponse.Builder out = ModelInferResponse.newBuilder()
                .setModelName(response.model())
                .setModelVersion(response.version())
                .setId(response.id());
        for (Tensor tensor : response.outputs()) {
            ModelInferResponse.InferOutputTensor.Builder output = ModelInferResponse.InferOutputTensor.newBuilder()
                    .setName(tensor.name())
                    .setDatatype(tensor.datatype().name());
            for (long dim : tensor.shape()) {
                output.addShape(dim);
            }
            if (typed) {
                output.setContents(TypedContents.write(tensor));
            } else {
                out.addRawOutputContents(ByteString.copyFrom(tensor.data()));
            }
            out.addOutputs(output);
        }
        return out.build();
    }
}
