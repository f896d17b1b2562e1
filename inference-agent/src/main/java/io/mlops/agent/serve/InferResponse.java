package io.mlops.agent.serve;

import io.mlops.protocol.v2.Tensor;
import java.util.List;
import java.util.Objects;

/**
 * The answer to an {@link InferRequest}.
 *
 * @param model the model's name
 * @param version the version that answered (during a switch or a canary, the one that took it)
 * @param id the request's id
 * @param outputs the output tensors
 */
public record InferResponse(String model, String version, String id, List<Tensor> outputs) {
    /** Validates the response and copies its outputs. */
    public InferResponse {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(version, "version");
        id = id == null ? "" : id;
        outputs = List.copyOf(outputs);
    }
}
