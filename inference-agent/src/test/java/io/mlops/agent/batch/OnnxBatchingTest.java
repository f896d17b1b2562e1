package io.mlops.agent.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.mlops.agent.backend.LoadOptions;
import io.mlops.agent.backend.LoadedModel;
import io.mlops.agent.backend.onnxruntime.OnnxRuntimeBackend;
import io.mlops.onnx.TestModels;
import io.mlops.onnx.proto.OnnxProto.ModelProto;
import io.mlops.onnx.proto.OnnxProto.TensorShapeProto;
import io.mlops.protocol.v2.Tensor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The batcher over real ONNX Runtime sessions, with many clients at once. */
@Timeout(120)
class OnnxBatchingTest {
    private static final int IN = 4;
    private static final float[] WEIGHTS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}; // 4 x 3
    private static final float[] BIAS = {0.5f, -1, 2};

    @TempDir
    Path dir;

    private final OnnxRuntimeBackend backend = new OnnxRuntimeBackend();
    private final ExecutorService clients = Executors.newFixedThreadPool(64);

    @AfterEach
    void stop() {
        clients.shutdownNow();
        backend.close();
    }

    @Test
    void shouldBatchSixtyFourConcurrentClientsAndGiveEachExactlyItsRows() throws Exception {
        Path file = TestModels.linear(dir.resolve("linear.onnx"), 17, WEIGHTS, IN, BIAS);
        try (LoadedModel model = backend.load(file, new LoadOptions("cpu", 1, dir.resolve("compiled")))) {
            AtomicInteger largest = new AtomicInteger();
            BatchObserver observer = new BatchObserver() {
                @Override
                public void executed(int requests, int rows, long computeNanos) {
                    largest.accumulateAndGet(rows, Math::max);
                }
            };
            DynamicBatcher batcher =
                    new DynamicBatcher("linear", model, new BatchPolicy(32, 1_000, 1024, 30_000, 1), observer);
            try {
                List<Future<Integer>> clientsDone = new ArrayList<>();
                for (int c = 0; c < 64; c++) {
                    int client = c;
                    clientsDone.add(clients.submit(() -> runClient(batcher, client)));
                }
                int checked = 0;
                for (Future<Integer> done : clientsDone) {
                    checked += done.get(60, TimeUnit.SECONDS);
                }
                assertThat(checked).isEqualTo(64 * 25);
                assertThat(batcher.batching()).isTrue();
                assertThat(largest.get()).isGreaterThan(3);
            } finally {
                batcher.close();
            }
        }
    }

    /** Sends 25 requests of 1 to 3 random rows and checks every answer row against x * W + b. */
    private static int runClient(DynamicBatcher batcher, int client) {
        Random random = new Random(client);
        int checked = 0;
        for (int request = 0; request < 25; request++) {
            int rows = 1 + random.nextInt(3);
            float[] x = new float[rows * IN];
            for (int i = 0; i < x.length; i++) {
                x[i] = random.nextInt(1000) / 10f;
            }
            float[] y = FunctionModel.floats(batcher.infer(List.of(FunctionModel.rowsOf("x", IN, x)), Set.of())
                    .getFirst());
            assertThat(y).hasSize(rows * BIAS.length);
            for (int r = 0; r < rows; r++) {
                for (int o = 0; o < BIAS.length; o++) {
                    double expected = BIAS[o];
                    for (int i = 0; i < IN; i++) {
                        expected += x[r * IN + i] * WEIGHTS[i * BIAS.length + o];
                    }
                    assertThat((double) y[r * BIAS.length + o]).isCloseTo(expected, within(1e-3));
                }
            }
            checked++;
        }
        return checked;
    }

    @Test
    void shouldNeverBatchARealModelWhoseFirstDimensionIsFixed() throws Exception {
        Path dynamic = TestModels.linear(dir.resolve("dynamic.onnx"), 17, WEIGHTS, IN, BIAS);
        ModelProto.Builder proto = ModelProto.parseFrom(Files.readAllBytes(dynamic)).toBuilder();
        TensorShapeProto.Dimension one =
                TensorShapeProto.Dimension.newBuilder().setDimValue(1).build();
        proto.getGraphBuilder()
                .getInputBuilder(0)
                .getTypeBuilder()
                .getTensorTypeBuilder()
                .getShapeBuilder()
                .setDim(0, one);
        proto.getGraphBuilder()
                .getOutputBuilder(0)
                .getTypeBuilder()
                .getTensorTypeBuilder()
                .getShapeBuilder()
                .setDim(0, one);
        Path fixed = Files.write(dir.resolve("fixed.onnx"), proto.build().toByteArray());
        try (LoadedModel model = backend.load(fixed, new LoadOptions("cpu", 1, dir.resolve("compiled")))) {
            assertThat(model.inputs().getFirst().shape()).containsExactly(1, IN);
            AtomicInteger largest = new AtomicInteger();
            BatchObserver observer = new BatchObserver() {
                @Override
                public void executed(int requests, int rows, long computeNanos) {
                    largest.accumulateAndGet(requests, Math::max);
                }
            };
            DynamicBatcher batcher =
                    new DynamicBatcher("fixed", model, new BatchPolicy(32, 2_000, 1024, 30_000, 1), observer);
            try {
                List<Future<List<Tensor>>> answers = new ArrayList<>();
                for (int c = 0; c < 32; c++) {
                    float v = c;
                    answers.add(clients.submit(
                            () -> batcher.infer(List.of(FunctionModel.rowsOf("x", IN, v, 0, 0, 0)), Set.of())));
                }
                for (int c = 0; c < 32; c++) {
                    assertThat(FunctionModel.floats(
                                    answers.get(c).get(30, TimeUnit.SECONDS).getFirst()))
                            .containsExactly(0.5f + c, -1 + 2f * c, 2 + 3f * c);
                }
                assertThat(batcher.batching()).isFalse();
                assertThat(largest.get()).isEqualTo(1);
            } finally {
                batcher.close();
            }
        }
    }
}
