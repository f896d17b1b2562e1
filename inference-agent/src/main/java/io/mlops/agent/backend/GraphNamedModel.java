package io.mlops.agent.backend;

import io.mlops.error.UserError;
import io.mlops.onnx.ElementType;
import io.mlops.onnx.GraphSignature;
import io.mlops.protocol.v2.DataType;
import io.mlops.protocol.v2.Tensor;
import io.mlops.protocol.v2.TensorSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A loaded model that shows the ONNX graph's own inputs and outputs (names, datatypes and shapes),
 * whichever backend runs it, so that a client does not break when the backend changes.
 *
 * <p>A backend names its ports its own way: OpenVINO, for one, folds an {@code Identity} that passes
 * an {@code Add} node's result {@code add_result1} to the graph output {@code variable} (as skl2onnx
 * writes it) and reports the port as {@code add_result1}. Each backend port is matched to the graph's tensor of the same name, and the ports left
 * over to the graph's tensors left over in order (the runtimes keep the graph's order of inputs and
 * outputs). Requests and answers are renamed between the two; the data passes through untouched,
 * so a backend that serves a port with another datatype than the graph declares is refused at load.
 */
public final class GraphNamedModel implements LoadedModel {
    private final LoadedModel backend;
    private final List<TensorSpec> inputs;
    private final List<TensorSpec> outputs;
    private final Map<String, String> inputToBackend;
    private final Map<String, String> outputToBackend;
    private final Map<String, String> outputFromBackend;

    private GraphNamedModel(
            LoadedModel backend,
            List<TensorSpec> inputs,
            List<TensorSpec> outputs,
            Map<String, String> inputToBackend,
            Map<String, String> outputToBackend) {
        this.backend = backend;
        this.inputs = inputs;
        this.outputs = outputs;
        this.inputToBackend = inputToBackend;
        this.outputToBackend = outputToBackend;
        this.outputFromBackend = new HashMap<>();
        outputToBackend.forEach((graph, port) -> outputFromBackend.put(port, graph));
    }

    /**
     * Shows a loaded model under its graph's declarations.
     *
     * @param loaded the model as a backend loaded it
     * @param file the ONNX file it was loaded from
     * @param backendName the backend, for messages
     * @return the model with the graph's metadata; closing it closes {@code loaded}
     * @throws UserError when the backend's ports do not match the graph's (count or datatype)
     */
    public static GraphNamedModel of(LoadedModel loaded, Path file, String backendName) {
        GraphSignature graph = GraphSignature.read(file);
        String where = "model " + file.getFileName() + " on " + backendName;
        Map<String, String> inputToBackend = new HashMap<>();
        Map<String, String> outputToBackend = new HashMap<>();
        List<TensorSpec> inputs = match(graph.inputs(), loaded.inputs(), where, "input", inputToBackend);
        List<TensorSpec> outputs = match(graph.outputs(), loaded.outputs(), where, "output", outputToBackend);
        return new GraphNamedModel(loaded, inputs, outputs, Map.copyOf(inputToBackend), Map.copyOf(outputToBackend));
    }

    /**
     * Pairs each graph tensor with the backend port that carries it and describes it as the graph
     * does: its name and shape, and its datatype (the backend's, for an element type the protocol's
     * table has no label for, such as bfloat16, which the backend has read from the same graph).
     */
    private static List<TensorSpec> match(
            List<io.mlops.onnx.TensorSpec> graph,
            List<TensorSpec> ports,
            String where,
            String kind,
            Map<String, String> toBackend) {
        if (graph.size() != ports.size()) {
            throw new UserError(where + ": the graph declares " + graph.size() + " " + kind + "s, the backend serves "
                    + ports.size() + " " + names(ports));
        }
        Set<String> graphNames = new HashSet<>();
        graph.forEach(t -> graphNames.add(t.name()));
        Map<String, TensorSpec> byPortName = new HashMap<>();
        List<TensorSpec> unmatchedPorts = new ArrayList<>();
        for (TensorSpec port : ports) {
            byPortName.put(port.name(), port);
            if (!graphNames.contains(port.name())) {
                unmatchedPorts.add(port);
            }
        }
        List<TensorSpec> specs = new ArrayList<>();
        int next = 0;
        for (io.mlops.onnx.TensorSpec declared : graph) {
            TensorSpec port = byPortName.containsKey(declared.name())
                    ? byPortName.get(declared.name())
                    : unmatchedPorts.get(next++);
            toBackend.put(declared.name(), port.name());
            ElementType type = ElementType.ofLabel(declared.type());
            DataType datatype = type == null ? port.datatype() : DataType.of(type);
            if (datatype != port.datatype()) {
                throw new UserError(where + ": " + kind + " '" + declared.name() + "' is " + datatype
                        + " in the graph but the backend serves it as " + port.datatype() + " ('" + port.name()
                        + "')");
            }
            long[] shape = new long[declared.dims().size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = declared.fixedDim(i);
            }
            specs.add(new TensorSpec(declared.name(), datatype, shape));
        }
        return List.copyOf(specs);
    }

    private static List<String> names(List<TensorSpec> specs) {
        return specs.stream().map(TensorSpec::name).toList();
    }

    @Override
    public List<TensorSpec> inputs() {
        return inputs;
    }

    @Override
    public List<TensorSpec> outputs() {
        return outputs;
    }

    @Override
    public List<Tensor> infer(List<Tensor> given, Set<String> wanted) {
        List<Tensor> renamed = new ArrayList<>(given.size());
        for (Tensor tensor : given) {
            String port = inputToBackend.get(tensor.name());
            renamed.add(port == null || port.equals(tensor.name()) ? tensor : tensor.named(port));
        }
        Set<String> wantedPorts = new LinkedHashSet<>();
        for (String name : wanted) {
            wantedPorts.add(outputToBackend.getOrDefault(name, name));
        }
        List<Tensor> answers = backend.infer(renamed, wantedPorts);
        List<Tensor> named = new ArrayList<>(answers.size());
        for (Tensor tensor : answers) {
            String graphName = outputFromBackend.get(tensor.name());
            named.add(graphName == null || graphName.equals(tensor.name()) ? tensor : tensor.named(graphName));
        }
        return named;
    }

    @Override
    public void close() {
        backend.close();
    }
}
