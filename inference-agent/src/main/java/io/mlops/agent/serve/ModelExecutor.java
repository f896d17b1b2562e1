package io.mlops.agent.serve;

import io.mlops.protocol.v2.Tensor;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Runs a model version's inferences: the seam where a dynamic batcher plugs in per model. The
 * service hands over inputs it has already validated and waits on the future with the request's
 * timeout; the version stays busy until the future completes, so an unload waits for it.
 */
public interface ModelExecutor extends AutoCloseable {
    /**
     * Queues one request.
     *
     * @param inputs one tensor per model input, in the model's order, already validated
     * @param outputs the outputs wanted; empty for all
     * @return the outputs, or an {@link Overloaded} failure when the queue is full
     */
    CompletableFuture<List<Tensor>> submit(List<Tensor> inputs, Set<String> outputs);

    /**
     * How this executor schedules requests, for the model configuration endpoint.
     *
     * @return its policy; by default each request alone, one at a time
     */
    default SchedulingPolicy scheduling() {
        return SchedulingPolicy.UNBATCHED;
    }

    /** Stops taking requests; those accepted still complete. */
    @Override
    void close();
}
