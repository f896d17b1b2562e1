package io.mlops.agent.batch;

import static io.mlops.agent.batch.FunctionModel.floats;
import static io.mlops.agent.batch.FunctionModel.rowsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.agent.serve.Overloaded;
import io.mlops.error.UserError;
import io.mlops.protocol.v2.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class DynamicBatcherTest {
    private final ExecutorService clients = Executors.newFixedThreadPool(64);
    private final List<DynamicBatcher> batchers = new ArrayList<>();

    @AfterEach
    void stop() {
        batchers.forEach(DynamicBatcher::close);
        clients.shutdownNow();
    }

    private DynamicBatcher batcher(FunctionModel model, BatchPolicy policy, BatchObserver observer) {
        DynamicBatcher batcher = new DynamicBatcher("m:1", model, policy, observer);
        batchers.add(batcher);
        return batcher;
    }

    /** Counts the requests the batcher accepted and tells when closing began, so tests wait on latches. */
    private static final class Events implements BatchObserver {
        final Semaphore enqueued = new Semaphore(0);
        final CountDownLatch closing = new CountDownLatch(1);

        @Override
        public void enqueued() {
            enqueued.release();
        }

        @Override
        public void closing() {
            closing.countDown();
        }

        /** Waits until n more requests have been accepted. */
        void awaitEnqueued(int n) throws InterruptedException {
            assertThat(enqueued.tryAcquire(n, 30, TimeUnit.SECONDS))
                    .as("%d requests accepted", n)
                    .isTrue();
        }
    }

    /** Client i sends 1 to 3 rows of 4 values that encode (i, row, column), so every row is unique. */
    private static float[] clientRows(int client) {
        int rows = 1 + client % 3;
        float[] values = new float[rows * 4];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < 4; c++) {
                values[r * 4 + c] = client * 100 + r * 10 + c;
            }
        }
        return values;
    }

    @Test
    void shouldGiveEachConcurrentClientExactlyItsOwnRows() throws Exception {
        FunctionModel model = new FunctionModel(-1, 4);
        LongAdder batchedRequests = new LongAdder();
        BatchObserver observer = new BatchObserver() {
            @Override
            public void executed(int requests, int rows, long computeNanos) {
                batchedRequests.add(requests);
            }
        };
        Events events = new Events();
        DynamicBatcher batcher = batcher(
                model, new BatchPolicy(16, 2_000, 256, 30_000, 2), BatchObserver.all(List.of(observer, events)));
        model.hold();
        List<Future<float[]>> answers = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            int client = i;
            answers.add(clients.submit(() -> floats(batcher.infer(List.of(rowsOf("x", 4, clientRows(client))), Set.of())
                    .getFirst())));
        }
        model.entered.await(10, TimeUnit.SECONDS);
        events.awaitEnqueued(64); // every client's request is in; two held batches hold at most 32
        model.open();

        for (int i = 0; i < 64; i++) {
            float[] sent = clientRows(i);
            float[] expected = new float[sent.length];
            for (int j = 0; j < sent.length; j++) {
                expected[j] = 2 * sent[j] + 1;
            }
            assertThat(answers.get(i).get(10, TimeUnit.SECONDS))
                    .as("client %d", i)
                    .containsExactly(expected);
        }
        assertThat(model.batchRows()).allMatch(rows -> rows <= 16).anyMatch(rows -> rows > 3);
        assertThat(model.batches.size()).isLessThan(64);
        assertThat(batchedRequests.sum()).isEqualTo(64);
        assertThat(batcher.batching()).isTrue();
    }

    @Test
    void shouldRefuseARequestAtOnceWhenTheQueueIsFull() throws Exception {
        FunctionModel model = new FunctionModel(-1, 4);
        Events events = new Events();
        DynamicBatcher batcher = batcher(model, new BatchPolicy(1, 0, 2, 30_000, 1), events);
        model.hold();
        List<Future<List<Tensor>>> accepted = new ArrayList<>();
        accepted.add(clients.submit(() -> batcher.infer(List.of(FunctionModel.rows("x", 1, 2, 3, 4)), Set.of())));
        model.entered.await(10, TimeUnit.SECONDS);
        accepted.add(clients.submit(() -> batcher.infer(List.of(FunctionModel.rows("x", 1, 2, 3, 4)), Set.of())));
        accepted.add(clients.submit(() -> batcher.infer(List.of(FunctionModel.rows("x", 1, 2, 3, 4)), Set.of())));
        events.awaitEnqueued(3); // the running one and the two waiting

        assertThatThrownBy(() -> batcher.infer(List.of(FunctionModel.rows("x", 1, 2, 3, 4)), Set.of()))
                .isInstanceOf(Overloaded.class)
                .hasMessageContaining("queue of model m:1 is full (2 requests waiting)");
        model.open();
        for (Future<List<Tensor>> answer : accepted) {
            assertThat(floats(answer.get(10, TimeUnit.SECONDS).getFirst())).containsExactly(3, 5, 7, 9);
        }
        assertThat(batcher.waiting()).isZero();
    }

    @Test
    void shouldFailARequestThatWaitedPastItsTimeoutWithoutExecutingIt() throws Exception {
        FunctionModel model = new FunctionModel(-1, 4);
        DynamicBatcher batcher = batcher(model, new BatchPolicy(1, 0, 16, 150, 1), BatchObserver.NONE);
        model.hold();
        Future<List<Tensor>> first =
                clients.submit(() -> batcher.infer(List.of(FunctionModel.rows("x", 1, 2, 3, 4)), Set.of()));
        model.entered.await(10, TimeUnit.SECONDS);

        assertThatThrownBy(() -> batcher.infer(List.of(FunctionModel.rows("x", 9, 9, 9, 9)), Set.of()))
                .isInstanceOf(Overloaded.class)
                .hasMessageContaining("timed out after")
                .hasCauseInstanceOf(TimeoutException.class);
        model.open();
        first.get(10, TimeUnit.SECONDS);
        // The refused request failed on its caller's thread without running: nothing else can run it.
        assertThat(model.batches).hasSize(1);
        assertThat(floats(model.batches.getFirst())).containsExactly(1, 2, 3, 4);
        assertThat(batcher.waiting()).isZero();
    }

    @Test
    void shouldCompleteASubmittedRequestWithATimeoutWhileTheModelIsStillBusy() throws Exception {
        FunctionModel model = new FunctionModel(-1, 4);
        AtomicLong clock = new AtomicLong();
        DynamicBatcher batcher =
                new DynamicBatcher("m:1", model, new BatchPolicy(8, 0, 16, 100, 1), BatchObserver.NONE, clock::get);
        batchers.add(batcher);
        model.hold();
        CompletableFuture<List<Tensor>> running =
                batcher.submit(List.of(FunctionModel.rows("x", 1, 2, 3, 4)), Set.of());
        model.entered.await(10, TimeUnit.SECONDS);

        CompletableFuture<List<Tensor>> late = batcher.submit(List.of(FunctionModel.rows("x", 5, 5, 5, 5)), Set.of());
        assertThat(late).isNotDone();
        clock.addAndGet(TimeUnit.MILLISECONDS.toNanos(101)); // the request's deadline passes now, not on a timer

        assertThatThrownBy(() -> late.get(30, TimeUnit.SECONDS))
                .hasCauseInstanceOf(Overloaded.class)
                .hasMessageContaining("timed out after 101 ms in the queue (timeout 100 ms)");
        assertThat(running).isNotDone();
        model.open();
        assertThat(floats(running.get(10, TimeUnit.SECONDS).getFirst())).containsExactly(3, 5, 7, 9);
        assertThat(model.batches).hasSize(1);
    }

    @Test
    void shouldNeverBatchAModelWhoseFirstDimensionIsFixed() throws Exception {
        FunctionModel model = new FunctionModel(1, 4);
        Events events = new Events();
        DynamicBatcher batcher = batcher(model, new BatchPolicy(32, 5_000, 256, 30_000, 1), events);
        model.hold();
        List<Future<List<Tensor>>> answers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            float v = i;
            answers.add(clients.submit(() -> batcher.infer(List.of(FunctionModel.rows("x", v, v, v, v)), Set.of())));
        }
        model.entered.await(10, TimeUnit.SECONDS);
        events.awaitEnqueued(16); // all 16 are in while the first one is held
        model.open();

        for (int i = 0; i < 16; i++) {
            float y = 2 * i + 1;
            assertThat(floats(answers.get(i).get(10, TimeUnit.SECONDS).getFirst()))
                    .containsExactly(y, y, y, y);
        }
        assertThat(batcher.batching()).isFalse();
        assertThat(model.batchRows()).hasSize(16).containsOnly(1L);
    }

    @Test
    void shouldRunRequestsOfDifferentRowShapesInSeparateBatches() throws Exception {
        FunctionModel model = new FunctionModel(-1, -1);
        Events events = new Events();
        DynamicBatcher batcher = batcher(model, new BatchPolicy(32, 5_000, 256, 30_000, 1), events);
        model.hold();
        Future<List<Tensor>> blocker = clients.submit(() -> batcher.infer(List.of(rowsOf("x", 2, 0, 0)), Set.of()));
        model.entered.await(10, TimeUnit.SECONDS);
        List<Future<List<Tensor>>> wide = new ArrayList<>();
        List<Future<List<Tensor>>> narrow = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            float v = i;
            wide.add(clients.submit(() -> batcher.infer(List.of(rowsOf("x", 3, v, v, v)), Set.of())));
            narrow.add(clients.submit(() -> batcher.infer(List.of(rowsOf("x", 2, v, v)), Set.of())));
        }
        events.awaitEnqueued(13); // the blocker and the 12 behind it
        model.open();

        for (int i = 0; i < 6; i++) {
            float y = 2 * i + 1;
            assertThat(floats(wide.get(i).get(10, TimeUnit.SECONDS).getFirst())).containsExactly(y, y, y);
            assertThat(floats(narrow.get(i).get(10, TimeUnit.SECONDS).getFirst()))
                    .containsExactly(y, y);
        }
        blocker.get(10, TimeUnit.SECONDS);
        assertThat(model.batches).allMatch(b -> b.shape()[1] == 2 || b.shape()[1] == 3);
        assertThat(model.batches.stream()
                        .filter(b -> b.shape()[1] == 3)
                        .mapToLong(b -> b.shape()[0])
                        .sum())
                .isEqualTo(6);
        assertThat(model.batches.size()).isLessThan(13);
    }

    @Test
    void shouldFailOnlyTheBadRequestOfABatch() throws Exception {
        FunctionModel model = new FunctionModel(-1, 4);
        Events events = new Events();
        DynamicBatcher batcher = batcher(model, new BatchPolicy(32, 5_000, 256, 30_000, 1), events);
        model.hold();
        Future<List<Tensor>> blocker =
                clients.submit(() -> batcher.infer(List.of(FunctionModel.rows("x", 0, 0, 0, 0)), Set.of()));
        model.entered.await(10, TimeUnit.SECONDS);
        Future<List<Tensor>> good =
                clients.submit(() -> batcher.infer(List.of(FunctionModel.rows("x", 1, 1, 1, 1)), Set.of()));
        Future<List<Tensor>> bad =
                clients.submit(() -> batcher.infer(List.of(FunctionModel.rows("x", 1, Float.NaN, 1, 1)), Set.of()));
        events.awaitEnqueued(3);
        model.open();

        blocker.get(10, TimeUnit.SECONDS);
        assertThat(floats(good.get(10, TimeUnit.SECONDS).getFirst())).containsExactly(3, 3, 3, 3);
        assertThatThrownBy(() -> bad.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(UserError.class)
                .hasMessageContaining("NaN");
    }

    @Test
    void shouldFinishWaitingRequestsOnCloseAndRefuseNewOnes() throws Exception {
        FunctionModel model = new FunctionModel(-1, 4);
        Events events = new Events();
        DynamicBatcher batcher = new DynamicBatcher("m:1", model, new BatchPolicy(4, 0, 64, 30_000, 1), events);
        model.hold();
        List<Future<List<Tensor>>> answers = new ArrayList<>();
        answers.add(clients.submit(() -> batcher.infer(List.of(FunctionModel.rows("x", 1, 1, 1, 1)), Set.of())));
        model.entered.await(10, TimeUnit.SECONDS);
        for (int i = 0; i < 7; i++) {
            answers.add(clients.submit(() -> batcher.infer(List.of(FunctionModel.rows("x", 1, 1, 1, 1)), Set.of())));
        }
        events.awaitEnqueued(8);
        CompletableFuture<Void> closing = CompletableFuture.runAsync(batcher::close);
        assertThat(events.closing.await(30, TimeUnit.SECONDS)).isTrue();
        model.open();
        closing.get(10, TimeUnit.SECONDS);

        for (Future<List<Tensor>> answer : answers) {
            assertThat(floats(answer.get(10, TimeUnit.SECONDS).getFirst())).containsExactly(3, 3, 3, 3);
        }
        assertThatThrownBy(() -> batcher.infer(List.of(FunctionModel.rows("x", 1, 1, 1, 1)), Set.of()))
                .isInstanceOf(Overloaded.class)
                .hasMessageContaining("being unloaded");
    }

    @Test
    void shouldRunEveryRequestAloneWithBatchingOff() throws Exception {
        FunctionModel model = new FunctionModel(-1, 4);
        AtomicInteger largest = new AtomicInteger();
        BatchObserver observer = new BatchObserver() {
            @Override
            public void executed(int requests, int rows, long computeNanos) {
                largest.accumulateAndGet(requests, Math::max);
            }
        };
        DynamicBatcher batcher = batcher(model, new BatchPolicy(1, 0, 256, 30_000, 2), observer);
        List<Future<List<Tensor>>> answers = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            answers.add(clients.submit(() -> batcher.infer(List.of(FunctionModel.rows("x", 1, 2, 3, 4)), Set.of())));
        }
        for (Future<List<Tensor>> answer : answers) {
            assertThat(floats(answer.get(10, TimeUnit.SECONDS).getFirst())).containsExactly(3, 5, 7, 9);
        }
        assertThat(batcher.batching()).isFalse();
        assertThat(largest.get()).isEqualTo(1);
        assertThat(model.batchRows()).hasSize(32).containsOnly(1L);
    }

    @Test
    void shouldRunARequestThatIsNeverBatchedOnTheCallersOwnThread() {
        FunctionModel model = new FunctionModel(-1, 4);
        List<Thread> runners = new CopyOnWriteArrayList<>();
        BatchObserver observer = new BatchObserver() {
            @Override
            public void executed(int requests, int rows, long computeNanos) {
                runners.add(Thread.currentThread());
            }
        };
        DynamicBatcher batcher = batcher(model, new BatchPolicy(1, 0, 16, 30_000, 2), observer);

        CompletableFuture<List<Tensor>> answer = batcher.submit(List.of(FunctionModel.rows("x", 1, 2, 3, 4)), Set.of());

        assertThat(answer).isCompleted();
        assertThat(floats(answer.join().getFirst())).containsExactly(3, 5, 7, 9);
        assertThat(runners).containsExactly(Thread.currentThread());
    }

    @Test
    void shouldFinishWaitingUnbatchedRequestsOnCloseAndRefuseNewOnes() throws Exception {
        FunctionModel model = new FunctionModel(-1, 4);
        Events events = new Events();
        DynamicBatcher batcher = new DynamicBatcher("m:1", model, new BatchPolicy(1, 0, 64, 30_000, 1), events);
        model.hold();
        List<Future<List<Tensor>>> answers = new ArrayList<>();
        answers.add(clients.submit(() -> batcher.infer(List.of(FunctionModel.rows("x", 1, 1, 1, 1)), Set.of())));
        model.entered.await(10, TimeUnit.SECONDS);
        for (int i = 0; i < 7; i++) {
            answers.add(clients.submit(() -> batcher.infer(List.of(FunctionModel.rows("x", 1, 1, 1, 1)), Set.of())));
        }
        events.awaitEnqueued(8);
        CompletableFuture<Void> closing = CompletableFuture.runAsync(batcher::close);
        assertThat(events.closing.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(closing).isNotDone(); // the held request still runs, so closing cannot have ended
        model.open();
        closing.get(10, TimeUnit.SECONDS);

        for (Future<List<Tensor>> answer : answers) {
            assertThat(floats(answer.get(10, TimeUnit.SECONDS).getFirst())).containsExactly(3, 3, 3, 3);
        }
        assertThat(model.batchRows()).hasSize(8);
        assertThatThrownBy(() -> batcher.infer(List.of(FunctionModel.rows("x", 1, 1, 1, 1)), Set.of()))
                .isInstanceOf(Overloaded.class)
                .hasMessageContaining("being unloaded");
    }

    @Test
    void shouldRejectAnInvalidPolicyNamingTheSetting() {
        assertThatThrownBy(() -> new BatchPolicy(0, 0, 1, 1, 1))
                .isInstanceOf(UserError.class)
                .hasMessage("max batch size must be at least 1, not 0");
        assertThatThrownBy(() -> new BatchPolicy(1, 0, 0, 1, 1)).hasMessageContaining("queue capacity");
        assertThatThrownBy(() -> new BatchPolicy(1, -1, 1, 1, 1)).hasMessageContaining("max queue delay");
    }
}
