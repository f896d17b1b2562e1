package io.mlops.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mlops.error.UserError;
import io.mlops.json.Json;
import io.mlops.protocol.admin.ModelStatus;
import io.mlops.protocol.admin.Rollback;
import io.mlops.protocol.admin.ServingStatus;
import io.mlops.protocol.admin.SwitchRequest;
import io.mlops.protocol.admin.VersionState;
import io.mlops.protocol.admin.VersionStatus;
import io.mlops.protocol.bundle.BundleLayout;
import io.mlops.protocol.reference.ReferenceStats;
import io.mlops.protocol.reference.RowValues;
import io.mlops.protocol.v2.DataType;
import io.mlops.protocol.v2.Tensor;
import io.mlops.protocol.v2.TensorSpec;
import io.mlops.protocol.v2.V2JsonTensors;
import io.mlops.protocol.v2.ZeroInput;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each piece of the contract written on one side's terms and read on the other's: what {@code
 * mlops deploy} writes the agent reads, and what the agent answers {@code mlops deploy} reads.
 */
class ContractRoundTripTest {
    private static final ObjectMapper JSON = Json.mapper();

    @TempDir
    Path dir;

    @Test
    void shouldReadTheAgentsStatusAsItWroteIt() throws Exception {
        ModelStatus written = new ModelStatus(
                "persons",
                new ServingStatus("2", "3", 10),
                List.of(
                        new VersionStatus("2", VersionState.READY, "onnxruntime", "cpu", 120, 40, 1, null),
                        new VersionStatus("3", VersionState.FAILED, "tensorrt", "cuda:0", 0, 0, 0, "no GPU")),
                new Rollback("4", "2", "error rate 0.5 over 20 requests", 1_700_000_000_000L),
                Map.of("x", Map.of("psi", 0.12)));

        ModelStatus read = JSON.readValue(JSON.writeValueAsBytes(written), ModelStatus.class);

        assertThat(read).isEqualTo(written);
        assertThat(read.version("3").state()).isEqualTo(VersionState.FAILED);
        assertThat(read.version("7")).isNull();
    }

    @Test
    void shouldReadAStatusWithoutTheOptionalParts() throws Exception {
        ModelStatus read = JSON.readValue(
                "{\"name\":\"m\",\"serving\":{\"primary\":null,\"canary\":null,\"canaryPercent\":0},"
                        + "\"versions\":[],\"lastRollback\":null}",
                ModelStatus.class);

        assertThat(read.lastRollback()).isNull();
        assertThat(read.drift()).isEmpty();
    }

    @Test
    void shouldCarryASwitchRequestAndRefuseABadOne() throws Exception {
        SwitchRequest written = new SwitchRequest("3", 25, 60, 0.05);

        assertThat(JSON.readValue(JSON.writeValueAsBytes(written), SwitchRequest.class))
                .isEqualTo(written);
        assertThatThrownBy(() -> new SwitchRequest("../3", 100, 0, 0.05))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("version '../3' is not allowed");
        assertThatThrownBy(() -> new SwitchRequest("3", 0, 0, 0.05))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("canaryPercent must be 1 to 100");
    }

    @Test
    void shouldReadTheReferenceStatisticsAsTheyWereWritten() throws Exception {
        Random random = new Random(7);
        double[] table = new double[200 * 3];
        for (int i = 0; i < table.length; i++) {
            table[i] = random.nextGaussian();
        }
        double[] images = new double[20 * 64];
        for (int i = 0; i < images.length; i++) {
            images[i] = random.nextDouble();
        }
        ReferenceStats written = ReferenceStats.fromSample(
                List.of(
                        Tensor.fp64("table", new long[] {200, 3}, table),
                        Tensor.fp64("image", new long[] {20, 1, 8, 8}, images)),
                10);
        Path file = dir.resolve(BundleLayout.REFERENCE_STATS);
        written.write(file);

        ReferenceStats read = ReferenceStats.read(file);

        assertThat(read.inputs().keySet()).containsExactly("table", "image");
        assertThat(read.inputs().get("table").perFeature()).isTrue();
        assertThat(read.inputs().get("table").features()).hasSize(3);
        assertThat(read.inputs().get("image").perFeature()).isFalse();
        assertThat(read.toJson()).isEqualTo(written.toJson());
        try (var left = Files.list(dir)) {
            assertThat(left).containsExactly(file);
        }
    }

    @Test
    void shouldWarmUpWithTheZeroSampleDeployWrites() {
        // The model's declaration as the ONNX graph gives it: a symbolic batch and sequence length.
        TensorSpec tokens =
                TensorSpec.of(new io.mlops.onnx.TensorSpec("tokens", "int64", List.of("batch", "seq", "4")));
        TensorSpec mask = TensorSpec.of(new io.mlops.onnx.TensorSpec("mask", "bool", List.of("batch", "4")));
        TensorSpec text = TensorSpec.of(new io.mlops.onnx.TensorSpec("text", "string", List.of("batch")));

        List<Tensor> zeros = ZeroInput.of(List.of(tokens, mask, text));
        ObjectNode request = V2JsonTensors.request(zeros);
        List<Tensor> read = V2JsonTensors.inputs(request, "sample-input.json");

        assertThat(request.get("inputs").get(0).get("shape").toString()).isEqualTo("[1,1,4]");
        assertThat(request.get("inputs").get(1).get("data").toString()).isEqualTo("[false,false,false,false]");
        assertThat(request.get("inputs").get(2).get("data").toString()).isEqualTo("[\"\"]");
        assertThat(read).extracting(Tensor::datatype).containsExactly(DataType.INT64, DataType.BOOL, DataType.BYTES);
        for (int i = 0; i < zeros.size(); i++) {
            assertThat(read.get(i).shape()).isEqualTo(zeros.get(i).shape());
            assertThat(read.get(i).data()).isEqualTo(zeros.get(i).data());
            assertThat(tokensOrMaskOrText(i).accepts(read.get(i).shape())).isTrue();
        }
    }

    private static TensorSpec tokensOrMaskOrText(int i) {
        return switch (i) {
            case 0 -> new TensorSpec("tokens", DataType.INT64, new long[] {-1, -1, 4});
            case 1 -> new TensorSpec("mask", DataType.BOOL, new long[] {-1, 4});
            default -> new TensorSpec("text", DataType.BYTES, new long[] {-1});
        };
    }

    @Test
    void shouldReadTheNonFiniteOutputsTheAgentWrites() throws Exception {
        Tensor answer = Tensor.fp64("y", new long[] {3}, new double[] {1, Double.NaN, Double.NEGATIVE_INFINITY});
        JsonNode response = JSON.readTree(JSON.writeValueAsString(
                Map.of("outputs", V2JsonTensors.request(List.of(answer)).get("inputs"))));

        double[] values =
                RowValues.values(V2JsonTensors.outputs(response, "the answer").get(0));

        assertThat(values[0]).isEqualTo(1.0);
        assertThat(values[1]).isNaN();
        assertThat(values[2]).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void shouldNameEveryBundleEntryOnce() {
        assertThat(BundleLayout.ENTRIES)
                .doesNotHaveDuplicates()
                .startsWith(BundleLayout.MODEL)
                .doesNotContain(BundleLayout.BATCH_CONFIG);
    }
}
