package io.mlops.cli.deploy;

import io.mlops.onnx.proto.OnnxProto.GraphProto;
import io.mlops.onnx.proto.OnnxProto.ModelProto;
import io.mlops.onnx.proto.OnnxProto.NodeProto;
import io.mlops.onnx.proto.OnnxProto.OperatorSetIdProto;
import io.mlops.onnx.proto.OnnxProto.TensorProto;
import io.mlops.onnx.proto.OnnxProto.TensorShapeProto;
import io.mlops.onnx.proto.OnnxProto.TypeProto;
import io.mlops.onnx.proto.OnnxProto.ValueInfoProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Small real ONNX models that behave in the ways a deployment must cope with: one that answers,
 * one that fails at run time for some inputs, one that ONNX Runtime cannot load.
 */
final class ServingModels {
    private ServingModels() {}

    /**
     * A lookup table: {@code ids} int64 {@code [batch, 1]} indexes a table of {@code size} floats
     * (Gather). An id of {@code size} or more is out of bounds and fails in ONNX Runtime, so the
     * zeros of the sample input pass while other traffic can fail.
     */
    static Path lookup(Path file, int size) throws IOException {
        return lookup(file, size, false);
    }

    /**
     * A lookup table whose entry 0 is NaN: it loads, warms up and answers every request, but its
     * answer to the zeros of the sample input is not a number, which only a smoke test notices.
     */
    static Path lookupWithNaN(Path file, int size) throws IOException {
        return lookup(file, size, true);
    }

    private static Path lookup(Path file, int size, boolean nanFirst) throws IOException {
        TensorProto.Builder table = TensorProto.newBuilder()
                .setName("table")
                .setDataType(TensorProto.DataType.FLOAT_VALUE)
                .addDims(size);
        for (int i = 0; i < size; i++) {
            table.addFloatData(i == 0 && nanFirst ? Float.NaN : i * 0.5f);
        }
        GraphProto graph = GraphProto.newBuilder()
                .setName("lookup")
                .addInput(value("ids", TensorProto.DataType.INT64_VALUE))
                .addOutput(value("y", TensorProto.DataType.FLOAT_VALUE))
                .addInitializer(table)
                .addNode(NodeProto.newBuilder()
                        .setOpType("Gather")
                        .addInput("table")
                        .addInput("ids")
                        .addOutput("y"))
                .build();
        return write(file, graph);
    }

    /** A well-formed ONNX file whose one node is an operator no runtime knows: loading it fails. */
    static Path unknownOperator(Path file) throws IOException {
        GraphProto graph = GraphProto.newBuilder()
                .setName("broken")
                .addInput(value("ids", TensorProto.DataType.INT64_VALUE))
                .addOutput(value("y", TensorProto.DataType.FLOAT_VALUE))
                .addNode(NodeProto.newBuilder()
                        .setOpType("NoSuchOperator")
                        .addInput("ids")
                        .addOutput("y"))
                .build();
        return write(file, graph);
    }

    private static Path write(Path file, GraphProto graph) throws IOException {
        ModelProto model = ModelProto.newBuilder()
                .setIrVersion(8)
                .setProducerName("mlops-deploy-tests")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(17))
                .setGraph(graph)
                .build();
        Files.write(file, model.toByteArray());
        return file;
    }

    private static ValueInfoProto value(String name, int type) {
        TensorShapeProto shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("batch"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(1))
                .build();
        return ValueInfoProto.newBuilder()
                .setName(name)
                .setType(TypeProto.newBuilder()
                        .setTensorType(
                                TypeProto.Tensor.newBuilder().setElemType(type).setShape(shape)))
                .build();
    }
}
