package io.mlops.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import io.mlops.error.UserError;
import io.mlops.onnx.proto.OnnxProto.GraphProto;
import io.mlops.onnx.proto.OnnxProto.TensorProto;
import io.mlops.onnx.proto.OnnxProto.ValueInfoProto;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * The inputs and outputs an ONNX model's graph declares, read without its weights: the file is
 * streamed and only the graph's input and output declarations and its initializers' names are
 * kept, so a model of gigabytes costs no more memory than a small one. The same declarations as
 * {@link OnnxModelFile#inputs()} and {@link OnnxModelFile#outputs()}.
 *
 * @param inputs the inputs the caller feeds (initializers listed as inputs left out)
 * @param outputs the outputs
 */
public record GraphSignature(List<TensorSpec> inputs, List<TensorSpec> outputs) {
    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_INITIALIZER = 5;
    private static final int GRAPH_INPUT = 11;
    private static final int GRAPH_OUTPUT = 12;
    private static final int TENSOR_NAME = 8;

    /** Copies the lists. */
    public GraphSignature {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /**
     * Reads a model file's declarations.
     *
     * @param path the ONNX file
     * @return its inputs and outputs
     * @throws UserError when the file is missing or not an ONNX model
     */
    public static GraphSignature read(Path path) {
        GraphProto.Builder graph = GraphProto.newBuilder();
        boolean hasGraph = false;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            CodedInputStream model = CodedInputStream.newInstance(in);
            model.setSizeLimit(Integer.MAX_VALUE);
            for (int tag = model.readTag(); tag != 0; tag = model.readTag()) {
                if (WireFormat.getTagFieldNumber(tag) == MODEL_GRAPH
                        && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                    int limit = model.pushLimit(model.readRawVarint32());
                    readGraph(model, graph);
                    model.popLimit(limit);
                    hasGraph = true;
                } else {
                    model.skipField(tag);
                }
            }
        } catch (NoSuchFileException e) {
            throw new UserError("no such model file: " + path, e);
        } catch (InvalidProtocolBufferException e) {
            throw new UserError(
                    path + " is not an ONNX model: it is not a protobuf message (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new UserError("cannot read model " + path + ": " + e.getMessage(), e);
        }
        if (!hasGraph) {
            throw new UserError(path + " is not an ONNX model: it has no graph");
        }
        GraphProto declared = graph.build();
        return new GraphSignature(OnnxModelFile.inputsOf(declared), OnnxModelFile.outputsOf(declared));
    }

    /** Keeps the graph's inputs and outputs, and of its initializers only their names. */
    private static void readGraph(CodedInputStream in, GraphProto.Builder graph) throws IOException {
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            int field = WireFormat.getTagFieldNumber(tag);
            boolean message = WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED;
            if (message && (field == GRAPH_INPUT || field == GRAPH_OUTPUT)) {
                ValueInfoProto value = ValueInfoProto.parseFrom(in.readBytes());
                if (field == GRAPH_INPUT) {
                    graph.addInput(value);
                } else {
                    graph.addOutput(value);
                }
            } else if (message && field == GRAPH_INITIALIZER) {
                int limit = in.pushLimit(in.readRawVarint32());
                graph.addInitializer(TensorProto.newBuilder().setName(tensorName(in)));
                in.skipRawBytes(in.getBytesUntilLimit());
                in.popLimit(limit);
            } else {
                in.skipField(tag);
            }
        }
    }

    /** The name of an initializer, skipping its data without holding it. */
    private static String tensorName(CodedInputStream in) throws IOException {
        String name = "";
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (WireFormat.getTagFieldNumber(tag) == TENSOR_NAME
                    && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_LENGTH_DELIMITED) {
                name = in.readString();
            } else {
                in.skipField(tag);
            }
        }
        return name;
    }
}
