package io.mlops.agent.testing;

import io.mlops.onnx.TestModels;
import io.mlops.onnx.proto.OnnxProto.AttributeProto;
import io.mlops.onnx.proto.OnnxProto.GraphProto;
import io.mlops.onnx.proto.OnnxProto.ModelProto;
import io.mlops.onnx.proto.OnnxProto.NodeProto;
import io.mlops.onnx.proto.OnnxProto.OperatorSetIdProto;
import io.mlops.onnx.proto.OnnxProto.TensorProto;
import io.mlops.onnx.proto.OnnxProto.TensorShapeProto;
import io.mlops.onnx.proto.OnnxProto.TypeProto;
import io.mlops.onnx.proto.OnnxProto.ValueInfoProto;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Small real ONNX models and deployment bundles for the agent's tests. */
public final class AgentModels {
    /** The element types ONNX Runtime's Java API can feed, by the suffix of the all-types model's names. */
    public static final Map<String, Integer> FED_TYPES = fedTypes();

    private AgentModels() {}

    private static Map<String, Integer> fedTypes() {
        Map<String, Integer> types = new LinkedHashMap<>();
        types.put("bool", TensorProto.DataType.BOOL_VALUE);
        types.put("uint8", TensorProto.DataType.UINT8_VALUE);
        types.put("int8", TensorProto.DataType.INT8_VALUE);
        types.put("int16", TensorProto.DataType.INT16_VALUE);
        types.put("int32", TensorProto.DataType.INT32_VALUE);
        types.put("int64", TensorProto.DataType.INT64_VALUE);
        types.put("fp16", TensorProto.DataType.FLOAT16_VALUE);
        types.put("fp32", TensorProto.DataType.FLOAT_VALUE);
        types.put("fp64", TensorProto.DataType.DOUBLE_VALUE);
        types.put("bf16", TensorProto.DataType.BFLOAT16_VALUE);
        types.put("bytes", TensorProto.DataType.STRING_VALUE);
        return types;
    }

    /**
     * {@code y = x * weights + bias} on float32 {@code [batch, in]}.
     *
     * @param file where to write it
     * @param weights {@code in x out}, row-major
     * @param in input features
     * @param bias {@code out} biases
     * @return the file's bytes
     */
    public static byte[] linear(Path file, float[] weights, int in, float[] bias) {
        return read(TestModels.linear(file, 17, weights, in, bias));
    }

    /**
     * A model that echoes one input of every type ONNX Runtime's Java API can feed
     * ({@code in_<type>} to {@code out_<type>}, each {@code [n]}), and casts an int32 input
     * {@code small} to {@code out_uint16}, {@code out_uint32} and {@code out_uint64}.
     *
     * @return the model's bytes
     */
    public static byte[] allTypes() {
        GraphProto.Builder graph = GraphProto.newBuilder().setName("all_types");
        FED_TYPES.forEach((suffix, type) -> {
            graph.addInput(value("in_" + suffix, type, "n"));
            graph.addOutput(value("out_" + suffix, type, "n"));
            graph.addNode(NodeProto.newBuilder()
                    .setOpType("Identity")
                    .addInput("in_" + suffix)
                    .addOutput("out_" + suffix));
        });
        graph.addInput(value("small", TensorProto.DataType.INT32_VALUE, "m"));
        Map<String, Integer> unsigned = Map.of(
                "uint16", TensorProto.DataType.UINT16_VALUE,
                "uint32", TensorProto.DataType.UINT32_VALUE,
                "uint64", TensorProto.DataType.UINT64_VALUE);
        unsigned.forEach((suffix, type) -> {
            graph.addOutput(value("out_" + suffix, type, "m"));
            graph.addNode(NodeProto.newBuilder()
                    .setOpType("Cast")
                    .addInput("small")
                    .addOutput("out_" + suffix)
                    .addAttribute(AttributeProto.newBuilder()
                            .setName("to")
                            .setType(AttributeProto.AttributeType.INT)
                            .setI(type)));
        });
        return model(graph.build());
    }

    /**
     * A model with an unsigned 16-bit input, which ONNX Runtime's Java API cannot feed.
     *
     * @return the model's bytes
     */
    public static byte[] uint16Input() {
        GraphProto graph = GraphProto.newBuilder()
                .setName("uint16_input")
                .addInput(value("x", TensorProto.DataType.UINT16_VALUE, "n"))
                .addOutput(value("y", TensorProto.DataType.UINT16_VALUE, "n"))
                .addNode(NodeProto.newBuilder()
                        .setOpType("Identity")
                        .addInput("x")
                        .addOutput("y"))
                .build();
        return model(graph);
    }

    /**
     * A model that takes as long as asked: a Loop that adds 1 to {@code x} (FP32 {@code [1]}) as many
     * times as {@code n} (INT64 {@code [1]}) says, answering {@code y = x + n}.
     *
     * @return the model's bytes
     */
    public static byte[] slowCounter() {
        GraphProto body = GraphProto.newBuilder()
                .setName("count")
                .addInput(value("i", TensorProto.DataType.INT64_VALUE))
                .addInput(value("go", TensorProto.DataType.BOOL_VALUE))
                .addInput(value("sum", TensorProto.DataType.FLOAT_VALUE, "1"))
                .addOutput(value("go_on", TensorProto.DataType.BOOL_VALUE))
                .addOutput(value("sum_next", TensorProto.DataType.FLOAT_VALUE, "1"))
                .addNode(NodeProto.newBuilder()
                        .setOpType("Identity")
                        .addInput("go")
                        .addOutput("go_on"))
                .addNode(NodeProto.newBuilder()
                        .setOpType("Add")
                        .addInput("sum")
                        .addInput("one")
                        .addOutput("sum_next"))
                .addInitializer(TensorProto.newBuilder()
                        .setName("one")
                        .setDataType(TensorProto.DataType.FLOAT_VALUE)
                        .addDims(1)
                        .addFloatData(1))
                .build();
        GraphProto graph = GraphProto.newBuilder()
                .setName("slow_counter")
                .addInput(value("x", TensorProto.DataType.FLOAT_VALUE, "1"))
                .addInput(value("n", TensorProto.DataType.INT64_VALUE, "1"))
                .addOutput(value("y", TensorProto.DataType.FLOAT_VALUE, "1"))
                .addInitializer(TensorProto.newBuilder()
                        .setName("always")
                        .setDataType(TensorProto.DataType.BOOL_VALUE)
                        .addInt32Data(1))
                .addInitializer(TensorProto.newBuilder()
                        .setName("scalar")
                        .setDataType(TensorProto.DataType.INT64_VALUE)
                        .addDims(0))
                .addNode(NodeProto.newBuilder()
                        .setOpType("Reshape")
                        .addInput("n")
                        .addInput("scalar")
                        .addOutput("trips"))
                .addNode(NodeProto.newBuilder()
                        .setOpType("Loop")
                        .addInput("trips")
                        .addInput("always")
                        .addInput("x")
                        .addOutput("y")
                        .addAttribute(AttributeProto.newBuilder()
                                .setName("body")
                                .setType(AttributeProto.AttributeType.GRAPH)
                                .setG(body)))
                .build();
        return model(graph);
    }

    /**
     * A zip bundle of files.
     *
     * @param files name to bytes, in order
     * @return the zip's bytes
     */
    public static byte[] bundle(Map<String, byte[]> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static byte[] model(GraphProto graph) {
        return ModelProto.newBuilder()
                .setIrVersion(8)
                .setProducerName("mlops-agent-tests")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                .setGraph(graph)
                .build()
                .toByteArray();
    }

    private static ValueInfoProto value(String name, int type, String... dims) {
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
                        .setTensorType(
                                TypeProto.Tensor.newBuilder().setElemType(type).setShape(shape)))
                .build();
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
