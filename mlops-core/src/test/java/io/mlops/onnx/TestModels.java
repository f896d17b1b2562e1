package io.mlops.onnx;

import io.mlops.onnx.proto.OnnxProto.AttributeProto;
import io.mlops.onnx.proto.OnnxProto.GraphProto;
import io.mlops.onnx.proto.OnnxProto.ModelProto;
import io.mlops.onnx.proto.OnnxProto.NodeProto;
import io.mlops.onnx.proto.OnnxProto.OperatorSetIdProto;
import io.mlops.onnx.proto.OnnxProto.TensorProto;
import io.mlops.onnx.proto.OnnxProto.TensorShapeProto;
import io.mlops.onnx.proto.OnnxProto.TypeProto;
import io.mlops.onnx.proto.OnnxProto.ValueInfoProto;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Builds small real ONNX models with the generated protobuf classes, for tests. */
public final class TestModels {
    private TestModels() {}

    /**
     * A model computing {@code y = x * weights + bias} (MatMul + Add) on float32 {@code [batch, in]}.
     *
     * @param file where to write it
     * @param opset the default-domain opset to stamp
     * @param weights {@code in x out} weights, row-major
     * @param in input features
     * @param bias {@code out} biases
     * @return the file
     */
    public static Path linear(Path file, long opset, float[] weights, int in, float[] bias) {
        int out = bias.length;
        GraphProto graph = GraphProto.newBuilder()
                .setName("linear")
                .addInput(value("x", TensorProto.DataType.FLOAT_VALUE, "batch", Integer.toString(in)))
                .addOutput(value("y", TensorProto.DataType.FLOAT_VALUE, "batch", Integer.toString(out)))
                .addInitializer(floats("w", weights, in, out))
                .addInitializer(floats("b", bias, out))
                .addNode(NodeProto.newBuilder()
                        .setOpType("MatMul")
                        .addInput("x")
                        .addInput("w")
                        .addOutput("xw"))
                .addNode(NodeProto.newBuilder()
                        .setOpType("Add")
                        .addInput("xw")
                        .addInput("b")
                        .addOutput("y"))
                .build();
        return write(file, graph, opset);
    }

    /**
     * A model whose output is its input divided by itself: NaN where the input is 0.
     *
     * @param file where to write it
     * @param features input features
     * @return the file
     */
    public static Path selfDivision(Path file, int features) {
        GraphProto graph = GraphProto.newBuilder()
                .setName("self_division")
                .addInput(value("x", TensorProto.DataType.FLOAT_VALUE, "batch", Integer.toString(features)))
                .addOutput(value("y", TensorProto.DataType.FLOAT_VALUE, "batch", Integer.toString(features)))
                .addNode(NodeProto.newBuilder()
                        .setOpType("Div")
                        .addInput("x")
                        .addInput("x")
                        .addOutput("y"))
                .build();
        return write(file, graph, 17);
    }

    /**
     * A model taking int64 input (cast to float and softmaxed), to test dtype checks.
     *
     * @param file where to write it
     * @param features input features
     * @return the file
     */
    public static Path int64Input(Path file, int features) {
        GraphProto graph = GraphProto.newBuilder()
                .setName("int_input")
                .addInput(value("ids", TensorProto.DataType.INT64_VALUE, "batch", Integer.toString(features)))
                .addOutput(value("y", TensorProto.DataType.FLOAT_VALUE, "batch", Integer.toString(features)))
                .addNode(NodeProto.newBuilder()
                        .setOpType("Cast")
                        .addInput("ids")
                        .addOutput("y")
                        .addAttribute(AttributeProto.newBuilder()
                                .setName("to")
                                .setType(AttributeProto.AttributeType.INT)
                                .setI(TensorProto.DataType.FLOAT_VALUE)))
                .build();
        return write(file, graph, 17);
    }

    /**
     * An image classifier: the mean of each channel, times weights: {@code [batch, 3, h, w]} to
     * {@code [batch, classes]} scores. With identity weights it predicts the dominant color.
     *
     * @param file where to write it
     * @param height the input height
     * @param width the input width
     * @param weights {@code 3 x classes} weights, row-major
     * @param classes the number of classes
     * @return the file
     */
    public static Path imageClassifier(Path file, int height, int width, float[] weights, int classes) {
        GraphProto graph = GraphProto.newBuilder()
                .setName("image_classifier")
                .addInput(value(
                        "image",
                        TensorProto.DataType.FLOAT_VALUE,
                        "batch",
                        "3",
                        Integer.toString(height),
                        Integer.toString(width)))
                .addOutput(value("scores", TensorProto.DataType.FLOAT_VALUE, "batch", Integer.toString(classes)))
                .addInitializer(floats("w", weights, 3, classes))
                .addNode(NodeProto.newBuilder()
                        .setOpType("GlobalAveragePool")
                        .addInput("image")
                        .addOutput("pooled"))
                .addNode(NodeProto.newBuilder()
                        .setOpType("Flatten")
                        .addInput("pooled")
                        .addOutput("flat"))
                .addNode(NodeProto.newBuilder()
                        .setOpType("MatMul")
                        .addInput("flat")
                        .addInput("w")
                        .addOutput("scores"))
                .build();
        return write(file, graph, 17);
    }

    /**
     * A "detector" that reports the same detections for every image: {@code [1, 3, h, w]} in,
     * {@code [batch, n, 6]} (x1, y1, x2, y2, score, class) out, the image's mean times zero added so
     * that the input is used.
     *
     * @param file where to write it
     * @param height the input height
     * @param width the input width
     * @param detections {@code n x 6} values
     * @return the file
     */
    public static Path constantDetector(Path file, int height, int width, float[] detections) {
        int n = detections.length / 6;
        GraphProto graph = GraphProto.newBuilder()
                .setName("constant_detector")
                .addInput(value(
                        "image",
                        TensorProto.DataType.FLOAT_VALUE,
                        "batch",
                        "3",
                        Integer.toString(height),
                        Integer.toString(width)))
                .addOutput(value("detections", TensorProto.DataType.FLOAT_VALUE, "batch", Integer.toString(n), "6"))
                .addInitializer(floats("found", detections, 1, n, 6))
                .addInitializer(floats("zero", new float[] {0}))
                .addNode(NodeProto.newBuilder()
                        .setOpType("ReduceMean")
                        .addInput("image")
                        .addOutput("mean")
                        .addAttribute(AttributeProto.newBuilder()
                                .setName("keepdims")
                                .setType(AttributeProto.AttributeType.INT)
                                .setI(1)))
                .addNode(NodeProto.newBuilder()
                        .setOpType("Mul")
                        .addInput("mean")
                        .addInput("zero")
                        .addOutput("nothing"))
                .addNode(NodeProto.newBuilder()
                        .setOpType("Reshape")
                        .addInput("nothing")
                        .addInput("shape")
                        .addOutput("nothing3"))
                .addInitializer(TensorProto.newBuilder()
                        .setName("shape")
                        .setDataType(TensorProto.DataType.INT64_VALUE)
                        .addDims(3)
                        .addInt64Data(-1)
                        .addInt64Data(1)
                        .addInt64Data(1))
                .addNode(NodeProto.newBuilder()
                        .setOpType("Add")
                        .addInput("found")
                        .addInput("nothing3")
                        .addOutput("detections"))
                .build();
        return write(file, graph, 17);
    }

    private static Path write(Path file, GraphProto graph, long opset) {
        ModelProto model = ModelProto.newBuilder()
                .setIrVersion(8)
                .setProducerName("mlops-tests")
                .setProducerVersion("1")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
                .setGraph(graph)
                .build();
        try {
            Files.write(file, model.toByteArray());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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

    private static TensorProto floats(String name, float[] values, long... dims) {
        TensorProto.Builder tensor =
                TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE);
        for (long dim : dims) {
            tensor.addDims(dim);
        }
        for (float v : values) {
            tensor.addFloatData(v);
        }
        return tensor.build();
    }

    /**
     * Names of the inputs of a model, for assertions.
     *
     * @param model the model
     * @return input names
     */
    public static List<String> inputNames(Path model) {
        return OnnxModelFile.read(model).inputs().stream().map(TensorSpec::name).toList();
    }
}
