package io.mlops.onnx;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.mlops.error.UserError;
import io.mlops.onnx.proto.OnnxProto.GraphProto;
import io.mlops.onnx.proto.OnnxProto.ModelProto;
import io.mlops.onnx.proto.OnnxProto.TensorProto;
import io.mlops.onnx.proto.OnnxProto.TensorShapeProto;
import io.mlops.onnx.proto.OnnxProto.TypeProto;
import io.mlops.onnx.proto.OnnxProto.ValueInfoProto;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * An ONNX model file parsed with the ONNX protobuf: its graph signature, opsets and weights, read
 * without running anything.
 *
 * @param path the file
 * @param model the parsed protobuf
 * @param fileSize the file's size in bytes
 * @param sha256 the SHA-256 of the file's bytes
 */
public record OnnxModelFile(Path path, ModelProto model, long fileSize, String sha256) {
    /**
     * Reads and checks a model file.
     *
     * @param path the file
     * @return the parsed model
     * @throws UserError when the file is missing or is not an ONNX model
     */
    public static OnnxModelFile read(Path path) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        ModelProto model;
        try (InputStream in = new DigestInputStream(Files.newInputStream(path), digest)) {
            CodedInputStream coded = CodedInputStream.newInstance(in);
            coded.setSizeLimit(Integer.MAX_VALUE);
            model = ModelProto.parseFrom(coded);
            in.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (NoSuchFileException e) {
            throw new UserError("no such model file: " + path, e);
        } catch (InvalidProtocolBufferException e) {
            throw notOnnx(path, "it is not a protobuf message (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new UserError("cannot read model " + path + ": " + e.getMessage(), e);
        }
        // Many byte strings parse as some protobuf; an ONNX model has an IR version and a graph.
        if (!model.hasIrVersion() || !model.hasGraph() || model.getOpsetImportCount() == 0) {
            throw notOnnx(path, "it has no IR version, graph or opset import", null);
        }
        try {
            return new OnnxModelFile(
                    path, model, Files.size(path), HexFormat.of().formatHex(digest.digest()));
        } catch (IOException e) {
            throw new UserError("cannot read model " + path + ": " + e.getMessage(), e);
        }
    }

    private static UserError notOnnx(Path path, String why, Exception cause) {
        return new UserError(path + " is not an ONNX model: " + why, cause);
    }

    /**
     * The operator sets the model imports.
     *
     * @return domain and version of each
     */
    public List<Opset> opsets() {
        return model.getOpsetImportList().stream()
                .map(o -> new Opset(o.getDomain(), o.getVersion()))
                .toList();
    }

    /**
     * The graph inputs the caller must feed: initializers listed as inputs (older exporters do
     * that) are weights, not inputs.
     *
     * @return the inputs
     */
    public List<TensorSpec> inputs() {
        return inputsOf(model.getGraph());
    }

    /** The inputs of a graph: initializers listed as inputs are weights, not inputs. */
    static List<TensorSpec> inputsOf(GraphProto graph) {
        Set<String> initializers = new HashSet<>();
        graph.getInitializerList().forEach(t -> initializers.add(t.getName()));
        return graph.getInputList().stream()
                .filter(v -> !initializers.contains(v.getName()))
                .map(OnnxModelFile::spec)
                .toList();
    }

    /**
     * The graph outputs.
     *
     * @return the outputs
     */
    public List<TensorSpec> outputs() {
        return outputsOf(model.getGraph());
    }

    /** The outputs of a graph. */
    static List<TensorSpec> outputsOf(GraphProto graph) {
        return graph.getOutputList().stream().map(OnnxModelFile::spec).toList();
    }

    /**
     * The number of trained parameters: elements of all initializers (sparse ones included), of
     * constant tensors, and of float-list attributes, where the ai.onnx.ml operators (tree
     * ensembles, scalers, linear models) keep their weights.
     *
     * @return the count
     */
    public long parameterCount() {
        long count = 0;
        for (TensorProto t : model.getGraph().getInitializerList()) {
            count += elements(t);
        }
        for (var sparse : model.getGraph().getSparseInitializerList()) {
            count += elements(sparse.getDimsList());
        }
        for (var node : model.getGraph().getNodeList()) {
            for (var attribute : node.getAttributeList()) {
                if (attribute.hasT()) {
                    count += elements(attribute.getT());
                }
                count += attribute.getFloatsCount();
            }
        }
        return count;
    }

    private static long elements(TensorProto tensor) {
        return elements(tensor.getDimsList());
    }

    private static long elements(List<Long> dims) {
        long count = 1;
        for (long dim : dims) {
            count = Math.multiplyExact(count, dim);
        }
        return count;
    }

    /**
     * Producer name and version, as the converter stamped them.
     *
     * @return e.g. {@code skl2onnx 1.20.0}
     */
    public String producer() {
        return (model.getProducerName() + " " + model.getProducerVersion()).strip();
    }

    private static TensorSpec spec(ValueInfoProto value) {
        TypeProto type = value.getType();
        if (!type.hasTensorType()) {
            return new TensorSpec(
                    value.getName(), type.getValueCase().name().toLowerCase(java.util.Locale.ROOT), List.of());
        }
        var tensor = type.getTensorType();
        List<String> dims = new ArrayList<>();
        for (TensorShapeProto.Dimension dim : tensor.getShape().getDimList()) {
            if (dim.hasDimValue()) {
                dims.add(Long.toString(dim.getDimValue()));
            } else if (dim.hasDimParam() && !dim.getDimParam().isEmpty()) {
                dims.add(dim.getDimParam());
            } else {
                dims.add("?");
            }
        }
        String elementType;
        try {
            elementType = ElementType.ofOnnx(tensor.getElemType()).label();
        } catch (UserError e) {
            elementType = "onnx-type-" + tensor.getElemType();
        }
        return new TensorSpec(value.getName(), elementType, dims);
    }
}
