package io.mlops.agent.backend;

import io.mlops.error.UserError;
import io.mlops.protocol.v2.Tensor;
import io.mlops.protocol.v2.TensorSpec;
import java.util.List;
import java.util.Set;

/** A model version loaded by a {@link Backend}; thread-safe up to its number of sessions. */
public interface LoadedModel extends AutoCloseable {
    /**
     * The model's inputs as declared.
     *
     * @return name, datatype and shape of each input, in the model's order
     */
    List<TensorSpec> inputs();

    /**
     * The model's outputs as declared.
     *
     * @return name, datatype and shape of each output, in the model's order
     */
    List<TensorSpec> outputs();

    /**
     * Runs the model on one batch.
     *
     * @param inputs one tensor per input of the model, already checked against {@link #inputs()}
     * @param outputs the names of the outputs wanted; empty for all
     * @return the outputs, in the model's order
     * @throws UserError when the runtime rejects the inputs, with its reason
     */
    List<Tensor> infer(List<Tensor> inputs, Set<String> outputs);

    /** Frees the model's runtime resources; requests still running finish first. */
    @Override
    void close();
}
