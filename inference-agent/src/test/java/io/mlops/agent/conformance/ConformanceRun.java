package io.mlops.agent.conformance;

import io.mlops.agent.backend.Backend;
import io.mlops.agent.backend.LoadOptions;
import io.mlops.agent.backend.LoadedModel;
import io.mlops.protocol.v2.Tensor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Runs ONNX node tests on one backend: load, feed the inputs, compare every output. */
final class ConformanceRun {
    private final Backend backend;
    private final String device;
    private final Path compiledDir;

    ConformanceRun(Backend backend, String device, Path compiledDir) {
        this.backend = backend;
        this.device = device;
        this.compiledDir = compiledDir;
    }

    List<Outcome> run(List<NodeTest> tests) {
        List<Outcome> outcomes = new ArrayList<>();
        for (NodeTest test : tests) {
            outcomes.add(run(test));
        }
        return outcomes;
    }

    Outcome run(NodeTest test) {
        if (test.nonTensor() != null) {
            return Outcome.unsupported(test.name(), test.nonTensor() + " is not a tensor");
        }
        List<Tensor> inputs = new ArrayList<>();
        List<Tensor> expected = new ArrayList<>();
        try {
            for (int i = 0; i < test.inputs().size(); i++) {
                inputs.add(TensorProtos.read(
                        test.inputs().get(i), test.inputNames().get(i)));
            }
            for (int i = 0; i < test.outputs().size(); i++) {
                expected.add(TensorProtos.read(
                        test.outputs().get(i), test.outputNames().get(i)));
            }
        } catch (TensorProtos.NoV2Datatype e) {
            return Outcome.unsupported(test.name(), e.getMessage());
        }
        LoadedModel model;
        try {
            model = backend.load(test.model(), new LoadOptions(device, 1, compiledDir.resolve(test.name())));
        } catch (RuntimeException e) {
            return Outcome.unsupported(test.name(), "load: " + firstLine(e));
        }
        try (model) {
            List<Tensor> actual;
            try {
                actual = model.infer(inputs, Set.of());
            } catch (RuntimeException e) {
                return Outcome.unsupported(test.name(), "infer: " + firstLine(e));
            }
            for (int i = 0; i < expected.size(); i++) {
                Tensor want = expected.get(i);
                Optional<Tensor> got = find(actual, want.name(), i);
                if (got.isEmpty()) {
                    return Outcome.fail(test.name(), "no output '" + want.name() + "'");
                }
                Optional<String> difference = TensorComparison.difference(want, got.get());
                if (difference.isPresent()) {
                    return Outcome.fail(test.name(), "output '" + want.name() + "': " + difference.get());
                }
            }
            return Outcome.pass(test.name());
        } catch (RuntimeException e) {
            return Outcome.unsupported(test.name(), "close: " + firstLine(e));
        }
    }

    /** By name; by position where the runtime renamed its outputs. */
    private static Optional<Tensor> find(List<Tensor> actual, String name, int index) {
        return actual.stream()
                .filter(t -> t.name().equals(name))
                .findFirst()
                .or(() -> index < actual.size() ? Optional.of(actual.get(index)) : Optional.empty());
    }

    private static String firstLine(RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String line = message.lines()
                .filter(l -> !l.isBlank())
                .findFirst()
                .orElse(message)
                .strip();
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
