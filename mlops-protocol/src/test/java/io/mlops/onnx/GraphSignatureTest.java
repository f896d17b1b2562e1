package io.mlops.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.mlops.error.UserError;
import io.mlops.onnx.proto.OnnxProto.GraphProto;
import io.mlops.onnx.proto.OnnxProto.ModelProto;
import io.mlops.onnx.proto.OnnxProto.NodeProto;
import io.mlops.onnx.proto.OnnxProto.OperatorSetIdProto;
import io.mlops.onnx.proto.OnnxProto.TensorProto;
import io.mlops.onnx.proto.OnnxProto.TensorShapeProto;
import io.mlops.onnx.proto.OnnxProto.TypeProto;
import io.mlops.onnx.proto.OnnxProto.ValueInfoProto;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A graph's declarations read without its weights, the same as the whole model's reader gives. */
class GraphSignatureTest {
    @TempDir
    Path directory;

    @Test
    void shouldDeclareWhatTheWholeModelDeclaresWithoutTheWeights() throws Exception {
        int fp32 = TensorProto.DataType.FLOAT_VALUE;
        // 8 MiB of weights, listed among the inputs as older exporters do
        TensorProto weights = TensorProto.newBuilder()
                .setName("w")
                .setDataType(fp32)
                .addDims(2048)
                .addDims(1024)
                .setRawData(ByteString.copyFrom(new byte[2048 * 1024 * 4]))
                .build();
        GraphProto graph = GraphProto.newBuilder()
                .setName("g")
                .addNode(NodeProto.newBuilder()
                        .setOpType("MatMul")
                        .addInput("x")
                        .addInput("w")
                        .addOutput("y"))
                .addNode(
                        NodeProto.newBuilder().setOpType("ArgMax").addInput("y").addOutput("label"))
                .addInitializer(weights)
                .addInput(value("x", fp32, "batch", "2048"))
                .addInput(value("w", fp32, "2048", "1024"))
                .addOutput(value("y", fp32, "batch", "1024"))
                .addOutput(value("label", TensorProto.DataType.INT64_VALUE, "batch"))
                .build();
        Path file = directory.resolve("model.onnx");
        Files.write(
                file,
                ModelProto.newBuilder()
                        .setIrVersion(8)
                        .setProducerName("test")
                        .addOpsetImport(OperatorSetIdProto.newBuilder().setVersion(17))
                        .setGraph(graph)
                        .build()
                        .toByteArray());

        GraphSignature signature = GraphSignature.read(file);

        OnnxModelFile whole = OnnxModelFile.read(file);
        assertThat(signature.inputs()).isEqualTo(whole.inputs());
        assertThat(signature.outputs()).isEqualTo(whole.outputs());
        assertThat(signature.inputs()).containsExactly(new TensorSpec("x", "float32", List.of("batch", "2048")));
        assertThat(signature.outputs())
                .containsExactly(
                        new TensorSpec("y", "float32", List.of("batch", "1024")),
                        new TensorSpec("label", "int64", List.of("batch")));
    }

    @Test
    void shouldNameAFileThatIsNoModel() throws Exception {
        Path text = Files.writeString(directory.resolve("notes.onnx"), "not a model");
        Path empty = Files.write(directory.resolve("empty.onnx"), new byte[0]);

        assertThatThrownBy(() -> GraphSignature.read(text))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("notes.onnx is not an ONNX model");
        assertThatThrownBy(() -> GraphSignature.read(empty))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("empty.onnx is not an ONNX model: it has no graph");
        assertThatThrownBy(() -> GraphSignature.read(directory.resolve("missing.onnx")))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("no such model file");
    }

    private static ValueInfoProto value(String name, int elementType, String... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (String dim : dims) {
            shape.addDim(
                    dim.chars().allMatch(Character::isDigit)
                            ? TensorShapeProto.Dimension.newBuilder().setDimValue(Long.parseLong(dim))
                            : TensorShapeProto.Dimension.newBuilder().setDimParam(dim));
        }
        return ValueInfoProto.newBuilder()
                .setName(name)
                .setType(TypeProto.newBuilder()
                        .setTensorType(TypeProto.Tensor.newBuilder()
                                .setElemType(elementType)
                                .setShape(shape)))
                .build();
    }
}
