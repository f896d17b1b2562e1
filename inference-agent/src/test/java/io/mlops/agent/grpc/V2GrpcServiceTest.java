package io.mlops.agent.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.mlops.agent.grpc.v2.GRPCInferenceServiceGrpc;
import io.mlops.agent.grpc.v2.InferParameter;
import io.mlops.agent.grpc.v2.InferTensorContents;
import io.mlops.agent.grpc.v2.ModelInferRequest;
import io.mlops.agent.grpc.v2.ModelInferResponse;
import io.mlops.agent.grpc.v2.ModelMetadataRequest;
import io.mlops.agent.grpc.v2.ModelMetadataResponse;
import io.mlops.agent.grpc.v2.ModelReadyRequest;
import io.mlops.agent.grpc.v2.ServerLiveRequest;
import io.mlops.agent.grpc.v2.ServerMetadataRequest;
import io.mlops.agent.grpc.v2.ServerReadyRequest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The V2 gRPC service on a real Netty server on loopback, driven by the generated client stub. */
class V2GrpcServiceTest {
    private final EchoService service = new EchoService();
    private GrpcServer server;
    private ManagedChannel channel;
    private GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub;

    @BeforeEach
    void start() {
        server = GrpcServer.start(service, "127.0.0.1", 0, 4 << 20, Optional.empty());
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port())
                .usePlaintext()
                .build();
        stub = GRPCInferenceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        channel.shutdownNow();
        server.close();
    }

    @Test
    void shouldAnswerHealthAndServerMetadata() {
        assertThat(stub.serverLive(ServerLiveRequest.getDefaultInstance()).getLive())
                .isTrue();
        assertThat(stub.serverReady(ServerReadyRequest.getDefaultInstance()).getReady())
                .isTrue();
        var metadata = stub.serverMetadata(ServerMetadataRequest.getDefaultInstance());
        assertThat(metadata.getName()).isEqualTo("mlops-inference-agent");
        assertThat(metadata.getExtensionsList()).containsExactly("binary_tensor_data");
    }

    @Test
    void shouldTellModelReadinessPerVersion() {
        assertThat(stub.modelReady(
                                ModelReadyRequest.newBuilder().setName("echo").build())
                        .getReady())
                .isTrue();
        assertThat(stub.modelReady(ModelReadyRequest.newBuilder()
                                .setName("echo")
                                .setVersion("2")
                                .build())
                        .getReady())
                .isFalse();
    }

    @Test
    void shouldAnswerNotReadyRatherThanNotFoundForAnUnknownModelOrVersionAsTritonDoes() {
        assertThat(stub.modelReady(
                                ModelReadyRequest.newBuilder().setName("nope").build())
                        .getReady())
                .isFalse();
        assertThat(stub.modelReady(ModelReadyRequest.newBuilder()
                                .setName("echo")
                                .setVersion("7")
                                .build())
                        .getReady())
                .isFalse();
    }

    @Test
    void shouldDescribeModelTensorsWithDynamicDimensions() {
        ModelMetadataResponse metadata = stub.modelMetadata(
                ModelMetadataRequest.newBuilder().setName("echo").build());
        assertThat(metadata.getPlatform()).isEqualTo("onnxruntime_onnx");
        assertThat(metadata.getVersionsList()).containsExactly("1");
        assertThat(metadata.getInputs(0).getName()).isEqualTo("x");
        assertThat(metadata.getInputs(0).getDatatype()).isEqualTo("FP32");
        assertThat(metadata.getInputs(0).getShapeList()).containsExactly(-1L, 3L);
    }

    @Test
    void shouldAnswerRawInputsWithRawOutputs() {
        ByteBuffer data = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        data.putFloat(1.5f).putFloat(-2f).putFloat(3.25f).flip();
        ModelInferResponse response = stub.modelInfer(ModelInferRequest.newBuilder()
                .setModelName("echo")
                .setId("req-7")
                .addInputs(input("x", "FP32", 1, 3))
                .addRawInputContents(ByteString.copyFrom(data.duplicate()))
                .putParameters(
                        "priority", InferParameter.newBuilder().setInt64Param(3).build())
                .build());

        assertThat(response.getId()).isEqualTo("req-7");
        assertThat(response.getModelVersion()).isEqualTo("1");
        assertThat(response.getOutputs(0).getName()).isEqualTo("x_out");
        assertThat(response.getOutputs(0).getShapeList()).containsExactly(1L, 3L);
        assertThat(response.getOutputs(0).hasContents()).isFalse();
        assertThat(response.getRawOutputContents(0)).isEqualTo(ByteString.copyFrom(data));
        assertThat(service.lastRequest.get().parameters()).containsEntry("priority", "3");
    }

    static Stream<Arguments> typedContentsOfEveryDatatype() {
        return Stream.of(
                Arguments.of(
                        "BOOL",
                        InferTensorContents.newBuilder().addBoolContents(true).addBoolContents(false)),
                Arguments.of(
                        "INT8",
                        InferTensorContents.newBuilder().addIntContents(-128).addIntContents(127)),
                Arguments.of(
                        "INT16",
                        InferTensorContents.newBuilder().addIntContents(-32768).addIntContents(7)),
                Arguments.of(
                        "INT32",
                        InferTensorContents.newBuilder()
                                .addIntContents(Integer.MIN_VALUE)
                                .addIntContents(9)),
                Arguments.of(
                        "INT64",
                        InferTensorContents.newBuilder()
                                .addInt64Contents(Long.MAX_VALUE)
                                .addInt64Contents(-1)),
                Arguments.of(
                        "UINT8",
                        InferTensorContents.newBuilder().addUintContents(255).addUintContents(0)),
                Arguments.of(
                        "UINT16",
                        InferTensorContents.newBuilder().addUintContents(65535).addUintContents(1)),
                Arguments.of(
                        "UINT32",
                        InferTensorContents.newBuilder().addUintContents(-1).addUintContents(2)),
                Arguments.of(
                        "UINT64",
                        InferTensorContents.newBuilder().addUint64Contents(-1L).addUint64Contents(3)),
                Arguments.of(
                        "FP32",
                        InferTensorContents.newBuilder().addFp32Contents(0.5f).addFp32Contents(-1e30f)),
                Arguments.of(
                        "FP64",
                        InferTensorContents.newBuilder()
                                .addFp64Contents(Math.PI)
                                .addFp64Contents(-0.0)),
                Arguments.of(
                        "BYTES",
                        InferTensorContents.newBuilder()
                                .addBytesContents(ByteString.copyFromUtf8("héllo"))
                                .addBytesContents(ByteString.EMPTY)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("typedContentsOfEveryDatatype")
    void shouldRoundTripTypedContentsOfEveryDatatype(String datatype, InferTensorContents.Builder contents) {
        ModelInferResponse response = stub.modelInfer(ModelInferRequest.newBuilder()
                .setModelName("echo")
                .addInputs(input("x", datatype, 2).toBuilder().setContents(contents))
                .build());

        assertThat(response.getRawOutputContentsCount()).isZero();
        assertThat(response.getOutputs(0).getDatatype()).isEqualTo(datatype);
        assertThat(response.getOutputs(0).getContents()).isEqualTo(contents.build());
    }

    @Test
    void shouldHoldTypedInputsInTheBinaryLayout() {
        stub.modelInfer(ModelInferRequest.newBuilder()
                .setModelName("echo")
                .addInputs(input("x", "INT16", 2).toBuilder()
                        .setContents(InferTensorContents.newBuilder()
                                .addIntContents(-2)
                                .addIntContents(258)))
                .build());

        ByteBuffer data = service.lastRequest.get().inputs().get(0).data();
        assertThat(data.getShort()).isEqualTo((short) -2);
        assertThat(data.getShort()).isEqualTo((short) 258);
    }

    @Test
    void shouldReturnOnlyTheRequestedOutputs() {
        ModelInferResponse response = stub.modelInfer(ModelInferRequest.newBuilder()
                .setModelName("echo")
                .addInputs(input("a", "INT32", 1))
                .addInputs(input("b", "INT32", 1))
                .addRawInputContents(ByteString.copyFrom(new byte[4]))
                .addRawInputContents(ByteString.copyFrom(new byte[4]))
                .addOutputs(ModelInferRequest.InferRequestedOutputTensor.newBuilder()
                        .setName("b_out"))
                .build());

        assertThat(response.getOutputsList()).extracting(o -> o.getName()).containsExactly("b_out");
    }

    @Test
    void shouldRejectTypedFp16NamingTheInput() {
        assertStatus(
                () -> stub.modelInfer(ModelInferRequest.newBuilder()
                        .setModelName("echo")
                        .addInputs(input("half", "FP16", 1).toBuilder()
                                .setContents(InferTensorContents.newBuilder().addFp32Contents(1f)))
                        .build()),
                Status.Code.INVALID_ARGUMENT,
                "input 'half': FP16 has no typed contents field");
    }

    @Test
    void shouldRejectRawDataThatDoesNotFitTheShape() {
        assertStatus(
                () -> stub.modelInfer(ModelInferRequest.newBuilder()
                        .setModelName("echo")
                        .addInputs(input("x", "FP32", 2, 2))
                        .addRawInputContents(ByteString.copyFrom(new byte[12]))
                        .build()),
                Status.Code.INVALID_ARGUMENT,
                "tensor 'x': 12 bytes of data do not match shape [2, 2] of FP32, which needs 16 bytes");
    }

    @Test
    void shouldRejectTypedCountThatDoesNotFitTheShape() {
        assertStatus(
                () -> stub.modelInfer(ModelInferRequest.newBuilder()
                        .setModelName("echo")
                        .addInputs(input("x", "INT64", 3).toBuilder()
                                .setContents(InferTensorContents.newBuilder().addInt64Contents(1)))
                        .build()),
                Status.Code.INVALID_ARGUMENT,
                "input 'x': shape holds 3 INT64 elements but int64_contents has 1");
    }

    @Test
    void shouldRejectValuesOutsideTheDatatype() {
        assertStatus(
                () -> stub.modelInfer(ModelInferRequest.newBuilder()
                        .setModelName("echo")
                        .addInputs(input("x", "UINT8", 1).toBuilder()
                                .setContents(InferTensorContents.newBuilder().addUintContents(256)))
                        .build()),
                Status.Code.INVALID_ARGUMENT,
                "input 'x': element 0 is 256, outside the range of UINT8 [0, 255]");
    }

    @Test
    void shouldRejectRawEntriesThatDoNotMatchTheInputs() {
        assertStatus(
                () -> stub.modelInfer(ModelInferRequest.newBuilder()
                        .setModelName("echo")
                        .addInputs(input("a", "INT32", 1))
                        .addInputs(input("b", "INT32", 1))
                        .addRawInputContents(ByteString.copyFrom(new byte[4]))
                        .build()),
                Status.Code.INVALID_ARGUMENT,
                "raw_input_contents has 1 entries but the request has 2 inputs");
    }

    @Test
    void shouldRejectUnknownDatatypeAndMissingData() {
        assertStatus(
                () -> stub.modelInfer(ModelInferRequest.newBuilder()
                        .setModelName("echo")
                        .addInputs(input("x", "FP8", 1))
                        .addRawInputContents(ByteString.copyFrom(new byte[1]))
                        .build()),
                Status.Code.INVALID_ARGUMENT,
                "input 'x': unknown tensor datatype 'FP8'");
        assertStatus(
                () -> stub.modelInfer(ModelInferRequest.newBuilder()
                        .setModelName("echo")
                        .addInputs(input("x", "FP32", 1))
                        .build()),
                Status.Code.INVALID_ARGUMENT,
                "input 'x' FP32[1] has no data");
    }

    @Test
    void shouldMapServiceFailuresToStatusCodes() {
        assertStatus(
                () -> stub.modelMetadata(
                        ModelMetadataRequest.newBuilder().setName("nope").build()),
                Status.Code.NOT_FOUND,
                "model 'nope' is not loaded");
        assertStatus(() -> stub.modelInfer(raw("overloaded")), Status.Code.RESOURCE_EXHAUSTED, "queue of model");
        assertStatus(() -> stub.modelInfer(raw("invalid")), Status.Code.INVALID_ARGUMENT, "expected FP32");
        assertStatus(() -> stub.modelInfer(raw("broken")), Status.Code.INTERNAL, "runtime crashed");
    }

    @Test
    void shouldRefuseCallsWithoutTheBearerToken() {
        try (GrpcServer guarded = GrpcServer.start(service, "127.0.0.1", 0, 1 << 20, Optional.of("s3cret"))) {
            ManagedChannel guardedChannel = NettyChannelBuilder.forAddress("127.0.0.1", guarded.port())
                    .usePlaintext()
                    .build();
            try {
                var anonymous = GRPCInferenceServiceGrpc.newBlockingStub(guardedChannel);
                assertStatus(
                        () -> anonymous.serverLive(ServerLiveRequest.getDefaultInstance()),
                        Status.Code.UNAUTHENTICATED,
                        "missing 'authorization: Bearer <token>'");
                assertStatus(
                        () -> anonymous
                                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(bearer("wrong")))
                                .serverLive(ServerLiveRequest.getDefaultInstance()),
                        Status.Code.UNAUTHENTICATED,
                        "not the agent's inference token");
                assertThat(anonymous
                                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(bearer("s3cret")))
                                .serverLive(ServerLiveRequest.getDefaultInstance())
                                .getLive())
                        .isTrue();
            } finally {
                guardedChannel.shutdownNow();
            }
        }
    }

    private static Metadata bearer(String token) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return headers;
    }

    private static ModelInferRequest raw(String model) {
        return ModelInferRequest.newBuilder()
                .setModelName(model)
                .addInputs(input("x", "FP32", 1))
                .addRawInputContents(ByteString.copyFrom(new byte[4]))
                .build();
    }

    private static ModelInferRequest.InferInputTensor input(String name, String datatype, long... shape) {
        ModelInferRequest.InferInputTensor.Builder input =
                ModelInferRequest.InferInputTensor.newBuilder().setName(name).setDatatype(datatype);
        for (long dim : shape) {
            input.addShape(dim);
        }
        return input.build();
    }

    private static void assertStatus(Runnable call, Status.Code code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(code);
            assertThat(e.getStatus().getDescription()).contains(message);
        });
    }
}
