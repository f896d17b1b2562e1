package io.mlops.agent.conformance;

import io.mlops.onnx.proto.OnnxProto.ModelProto;
import io.mlops.onnx.proto.OnnxProto.TypeProto;
import io.mlops.onnx.proto.OnnxProto.ValueInfoProto;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One of ONNX's backend node tests: {@code <name>/model.onnx} with one operator, and
 * {@code test_data_set_0/input_<i>.pb} / {@code output_<i>.pb}, serialized TensorProtos in the order of
 * the graph's inputs and outputs.
 *
 * @param name the test's name, e.g. {@code test_abs}
 * @param model the model file
 * @param inputNames the graph inputs fed by the test, in order
 * @param outputNames the graph outputs, in order
 * @param nonTensor the first input or output that is not a tensor (a sequence, an optional), or null
 * @param inputs the input files
 * @param outputs the expected output files
 */
record NodeTest(
        String name,
        Path model,
        List<String> inputNames,
        List<String> outputNames,
        String nonTensor,
        List<Path> inputs,
        List<Path> outputs) {

    /**
     * Every node test under a directory, sorted by name.
     *
     * @param root the {@code node} directory
     * @return the tests
     */
    static List<NodeTest> discover(Path root) {
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("model.onnx")))
                    .filter(d -> Files.isDirectory(d.resolve("test_data_set_0")))
                    .sorted()
                    .map(NodeTest::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list ONNX node tests in " + root, e);
        }
    }

    private static NodeTest read(Path dir) {
        Path model = dir.resolve("model.onnx");
        ModelProto proto;
        try (InputStream in = Files.newInputStream(model)) {
            proto = ModelProto.parseFrom(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + model, e);
        }
        Set<String> initializers = new HashSet<>();
        proto.getGraph().getInitializerList().forEach(t -> initializers.add(t.getName()));
        List<String> inputNames = new ArrayList<>();
        String nonTensor = null;
        for (ValueInfoProto input : proto.getGraph().getInputList()) {
            if (!initializers.contains(input.getName())) {
                inputNames.add(input.getName());
                if (nonTensor == null && !isTensor(input.getType())) {
                    nonTensor = "input '" + input.getName() + "'";
                }
            }
        }
        List<String> outputNames = new ArrayList<>();
        for (ValueInfoProto output : proto.getGraph().getOutputList()) {
            outputNames.add(output.getName());
            if (nonTensor == null && !isTensor(output.getType())) {
                nonTensor = "output '" + output.getName() + "'";
            }
        }
        Path data = dir.resolve("test_data_set_0");
        return new NodeTest(
                dir.getFileName().toString(),
                model,
                inputNames,
                outputNames,
                nonTensor,
                files(data, "input_", inputNames.size()),
                files(data, "output_", outputNames.size()));
    }

    private static boolean isTensor(TypeProto type) {
        return type.hasTensorType();
    }

    private static List<Path> files(Path data, String prefix, int count) {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            files.add(data.resolve(prefix + i + ".pb"));
        }
        return files;
    }
}
