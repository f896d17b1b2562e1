package io.mlops.agent.serve;

import io.mlops.protocol.v2.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One inference request, whichever protocol carried it (V2 HTTP/JSON, the binary extension, gRPC).
 *
 * @param model the model's name
 * @param version the version asked for, or null for the one serving traffic
 * @param id the client's request id, echoed in the reply; may be empty
 * @param inputs the input tensors
 * @param outputs the names of the outputs wanted; empty for all
 * @param parameters the request's parameters, as strings
 */
public record InferRequest(
        String model,
        String version,
        String id,
        List<Tensor> inputs,
        Set<String> outputs,
        Map<String, String> parameters) {
    /** Validates the request and copies its collections. */
    public InferRequest {
        Objects.requireNonNull(model, "model");
        id = id == null ? "" : id;
        inputs = List.copyOf(inputs);
        outputs = Set.copyOf(outputs);
        parameters = Map.copyOf(parameters);
    }
}
