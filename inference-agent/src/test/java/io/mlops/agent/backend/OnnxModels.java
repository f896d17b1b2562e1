package io.mlops.agent.backend;

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

/** Small real ONNX models for the backend tests, written with the ONNX protobuf classes of mlops-core. */
public final class OnnxModels {
    private OnnxModels() {}

    /**
     * {@code y = Identity(x)} for one ONNX element type and a fixed shape.
     *
     * @param file where to write it
     * @param elementType the {@code TensorProto.DataType} number
     * @param shape the dimensions; a negative one is written as the symbolic {@code batch}
     * @return the file
     */
    public static Path identity(Path file, int elementType, long... shape) {
        return write(
                file,
                GraphProto.newBuilder()
                        .setName("identity")
                        .addInput(value("x", elementType, shape))
                        .addOutput(value("y", elementType, shape))
                        .addNode(NodeProto.newBuilder()
                                .setOpType("Identity")
                                .addInput("x")
                                .addOutput("y"))
                        .build());
    }

    /**
     * Two outputs of one float input: {@code sum = x + x} and {@code product = x * x}.
     *
     * @param file where to write it
     * @param shape the input's dimensions; a negative one is symbolic
     * @return the file
     */
    public static Path sumAndProduct(Path file, long... shape) {
        int fp32 = TensorProto.DataType.FLOAT_VALUE;
        return write(
                file,
                GraphProto.newBuilder()
                        .setName("sum_and_product")
                        .addInput(value("x", fp32, shape))
                        .addOutput(value("sum", fp32, shape))
                        .addOutput(value("product", fp32, shape))
                        .addNode(NodeProto.newBuilder()
                                .setOpType("Add")
                                .addInput("x")
                                .addInput("x")
                                .addOutput("sum"))
                        .addNode(NodeProto.newBuilder()
                                .setOpType("Mul")
                                .addInput("x")
                                .addInput("x")
                                .addOutput("product"))
                        .build());
    }

    /**
     * A linear regression as skl2onnx writes it with plain operators: {@code multiplied = MatMul(x, w)},
     * {@code add_result1 = Add(multiplied, intercept)}, {@code variable = Identity(add_result1)}, x
     * {@code [batch, 3]}, output {@code variable [batch, 1]}. OpenVINO folds the Identity away and its
     * output port then carries both names, of which it reports {@code add_result1}.
     *
     * @param file where to write it
     * @param weights the three coefficients
     * @param intercept the intercept
     * @return the file
     */
    public static Path linearRegression(Path file, float[] weights, float intercept) {
        int fp32 = TensorProto.DataType.FLOAT_VALUE;
        TensorProto.Builder coefficients = TensorProto.newBuilder()
                .setName("coef")
                .setDataType(fp32)
                .addDims(3)
                .addDims(1);
        for (float weight : weights) {
            coefficients.addFloatData(weight);
        }
        return write(
                file,
                GraphProto.newBuilder()
                        .setName("linear_regression")
                        .addInput(value("x", fp32, -1, 3))
                        .addOutput(value("variable", fp32, -1, 1))
                        .addInitializer(coefficients)
                        .addInitializer(TensorProto.newBuilder()
                                .setName("intercept")
                                .setDataType(fp32)
                                .addDims(1)
                                .addFloatData(intercept))
                        .addNode(NodeProto.newBuilder()
                                .setOpType("MatMul")
                                .setName("MatMul")
                                .addInput("x")
                                .addInput("coef")
                                .addOutput("multiplied"))
                        .addNode(NodeProto.newBuilder()
                                .setOpType("Add")
                                .setName("Add")
                                .addInput("multiplied")
                                .addInput("intercept")
                                .addOutput("add_result1"))
                        .addNode(NodeProto.newBuilder()
                                .setOpType("Identity")
                                .setName("Identity")
                                .addInput("add_result1")
                                .addOutput("variable"))
                        .build());
    }

    private static ValueInfoProto value(String name, int elementType, long... shape) {
        TensorShapeProto.Builder dims = TensorShapeProto.newBuilder();
        for (long dim : shape) {
            dims.addDim(
                    dim < 0
                            ? TensorShapeProto.Dimension.newBuilder().setDimParam("batch")
                            : TensorShapeProto.Dimension.newBuilder().setDimValue(dim));
        }
        return ValueInfoProto.newBuilder()
                .setName(name)
                .setType(TypeProto.newBuilder()
                        .setTensorType(TypeProto.Tensor.newBuilder()
                                .setElemType(elementType)
                                .setShape(dims)))
                .build();
    }

    private static Path write(Path file, GraphProto graph) {
        ModelProto model = ModelProto.newBuilder()
                .setIrVersion(8)
                .setProducerName("mlops-tests")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                .setGraph(graph)
                .build();
        try {
            Files.write(file, model.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
