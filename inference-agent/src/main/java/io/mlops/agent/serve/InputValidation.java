package io.mlops.agent.serve;

import io.mlops.protocol.v2.InvalidInput;
import io.mlops.protocol.v2.Tensor;
import io.mlops.protocol.v2.TensorSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a request against the inputs and outputs a model declares, before it reaches the backend,
 * so a mistake is reported in the protocol's words: which input, what was expected, what came.
 * (The data length against the shape is checked when the {@link Tensor} is built.)
 */
public final class InputValidation {
    private InputValidation() {}

    /**
     * Checks the inputs and puts them in the model's order.
     *
     * @param where the model and version, for messages, e.g. {@code model 'mlp' version 3}
     * @param declared the model's inputs
     * @param given the request's inputs
     * @return the inputs in the model's order
     * @throws InvalidInput for an unknown, repeated or missing input, or a wrong datatype or shape
     */
    public static List<Tensor> inputs(String where, List<TensorSpec> declared, List<Tensor> given) {
        Map<String, Tensor> byName = new HashMap<>();
        for (Tensor tensor : given) {
            if (declared.stream().noneMatch(spec -> spec.name().equals(tensor.name()))) {
                throw new InvalidInput(
                        where + " has no input named '" + tensor.name() + "'; its inputs are " + declared);
            }
            if (byName.put(tensor.name(), tensor) != null) {
                throw new InvalidInput("input '" + tensor.name() + "' is given more than once");
            }
        }
        List<Tensor> ordered = new ArrayList<>(declared.size());
        for (TensorSpec spec : declared) {
            Tensor tensor = byName.get(spec.name());
            if (tensor == null) {
                throw new InvalidInput("input '" + spec.name() + "' of " + where + " is missing: expected " + spec);
            }
            if (tensor.datatype() != spec.datatype()) {
                throw new InvalidInput("input '" + spec.name() + "' of " + where + ": expected datatype "
                        + spec.datatype() + ", got " + tensor.datatype());
            }
            if (!spec.accepts(tensor.shape())) {
                throw new InvalidInput("input '" + spec.name() + "' of " + where + ": expected shape "
                        + Arrays.toString(spec.shape()) + " (-1 = any size), got " + Arrays.toString(tensor.shape()));
            }
            ordered.add(tensor);
        }
        return ordered;
    }

    /**
     * Checks that the outputs asked for exist.
     *
     * @param where the model and version, for messages
     * @param declared the model's outputs
     * @param wanted the names asked for
     * @throws InvalidInput naming an output the model does not have
     */
    public static void outputs(String where, List<TensorSpec> declared, Set<String> wanted) {
        for (String name : wanted) {
            if (declared.stream().noneMatch(spec -> spec.name().equals(name))) {
                throw new InvalidInput(where + " has no output named '" + name + "'; its outputs are " + declared);
            }
        }
    }
}
