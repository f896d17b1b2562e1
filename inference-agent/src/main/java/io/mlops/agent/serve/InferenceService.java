package io.mlops.agent.serve;

import io.mlops.protocol.v2.InvalidInput;
import java.util.List;

/**
 * The KServe V2 inference protocol, independent of transport: the HTTP handlers and the gRPC
 * service both translate to these calls, so the two protocols cannot drift apart.
 *
 * <p>Failures are exceptions the transports map to their status codes: {@link UnknownModel} (HTTP
 * 404, gRPC NOT_FOUND), {@link InvalidInput} (400, INVALID_ARGUMENT), {@link Overloaded} (429,
 * RESOURCE_EXHAUSTED), {@link java.util.concurrent.TimeoutException}-caused {@link Overloaded} for
 * requests past their deadline, anything else 500 / INTERNAL.
 */
public interface InferenceService {
    /**
     * The server's name.
     *
     * @return e.g. {@code mlops-inference-agent}
     */
    String serverName();

    /**
     * The server's version.
     *
     * @return the suite's version
     */
    String serverVersion();

    /**
     * The protocol extensions supported.
     *
     * @return e.g. {@code binary_tensor_data}, {@code model_repository}
     */
    List<String> extensions();

    /**
     * Whether the server is live.
     *
     * @return true while the process can answer
     */
    boolean live();

    /**
     * Whether the server is ready.
     *
     * @return true when every model it was told to serve is ready
     */
    boolean ready();

    /**
     * Whether a model (version) is ready to take requests.
     *
     * @param model the model
     * @param version the version, or null for the one serving traffic
     * @return whether it is loaded and warmed up
     * @throws UnknownModel when the model or version is unknown
     */
    boolean modelReady(String model, String version);

    /**
     * A model's metadata.
     *
     * @param model the model
     * @param version the version, or null for the one serving traffic
     * @return its metadata
     * @throws UnknownModel when the model or version is unknown
     */
    ModelMetadata metadata(String model, String version);

    /**
     * A model version's configuration, as Triton's model configuration endpoint reports it.
     *
     * @param model the model
     * @param version the version, or null for the one serving traffic
     * @return its configuration
     * @throws UnknownModel when the model or version is unknown or not ready
     */
    ModelConfig config(String model, String version);

    /**
     * Runs an inference.
     *
     * @param request the request
     * @return the reply
     * @throws UnknownModel when the model or version is unknown
     * @throws InvalidInput when an input does not fit the model
     * @throws Overloaded when the model's queue is full or the request timed out
     */
    InferResponse infer(InferRequest request);
}
