package io.mlops.agent.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlops.agent.backend.LoadedModel;
import io.mlops.protocol.v2.Tensor;
import io.mlops.protocol.v2.TensorSpec;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DirectExecutorTest {
    /** A model that answers nothing until released: stands in for a slow inference. */
    private static final class HeldModel implements LoadedModel {
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public List<TensorSpec> inputs() {
            return List.of();
        }

        @Override
        public List<TensorSpec> outputs() {
            return List.of();
        }

        @Override
        public List<Tensor> infer(List<Tensor> inputs, Set<String> outputs) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of();
        }

        @Override
        public void close() {}
    }

    @Test
    void shouldRefuseARequestBeyondItsCapacityWithOverloaded() throws Exception {
        HeldModel model = new HeldModel();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            DirectExecutor executor = new DirectExecutor("model 'm' version 1", model, threads, 2);
            CompletableFuture<List<Tensor>> first = executor.submit(List.of(), Set.of());
            CompletableFuture<List<Tensor>> second = executor.submit(List.of(), Set.of());
            CompletableFuture<List<Tensor>> third = executor.submit(List.of(), Set.of());

            assertThat(third).isCompletedExceptionally();
            assertThat(third.handle((r, e) -> e).get())
                    .isInstanceOf(Overloaded.class)
                    .hasMessageContaining("already has 2 requests in progress");

            model.release.countDown();
            first.get(5, TimeUnit.SECONDS);
            second.get(5, TimeUnit.SECONDS);
            assertThat(executor.submit(List.of(), Set.of()).get(5, TimeUnit.SECONDS))
                    .isEmpty();
        }
    }

    @Test
    void shouldRefuseRequestsOnceClosed() {
        HeldModel model = new HeldModel();
        model.release.countDown();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            DirectExecutor executor = new DirectExecutor("model 'm' version 1", model, threads, 2);
            executor.close();
            CompletableFuture<List<Tensor>> refused = executor.submit(List.of(), Set.of());
            assertThat(refused).isCompletedExceptionally();
            assertThat(refused)
                    .failsWithin(1, TimeUnit.SECONDS)
                    .withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(Overloaded.class);
        }
    }
}
