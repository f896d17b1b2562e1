package io.mlops.agent.serve;

import io.mlops.agent.backend.onnxruntime.OnnxRuntimeBackend;
import io.mlops.agent.testing.AgentModels;
import io.mlops.agent.testing.ManualScheduler;
import io.mlops.agent.v2.SampleInputFile;
import io.mlops.protocol.admin.ModelStatus;
import io.mlops.protocol.v2.DataType;
import io.mlops.protocol.v2.Tensor;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * The serving core with the real ONNX Runtime backend over a temporary repository, and a gate in
 * front of every executor so a test can hold requests in flight.
 */
final class ServingFixture implements AutoCloseable {
    final Path root;
    final ServedModels models = new ServedModels();
    final ServingService service;
    final Deployments deployments;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    /** Runs the canary watches when the test moves its clock. */
    final ManualScheduler scheduler = new ManualScheduler();
    /** Released once for every request (a warm-up's too) that reaches the gate. */
    final Semaphore entered = new Semaphore(0);

    private final OnnxRuntimeBackend backend = new OnnxRuntimeBackend();
    private volatile CountDownLatch gate = new CountDownLatch(0);

    ServingFixture(Path root, Duration timeout, int capacity) {
        this.root = root;
        this.service = new ServingService(models, timeout);
        ModelExecutorFactory direct = DirectExecutor.factory(threads, capacity);
        ModelExecutorFactory gated = (model, version, loaded) -> {
            ModelExecutor inner = direct.create(model, version, loaded);
            return new ModelExecutor() {
                @Override
                public CompletableFuture<List<Tensor>> submit(List<Tensor> inputs, Set<String> outputs) {
                    CountDownLatch waitFor = gate;
                    entered.release();
                    return CompletableFuture.runAsync(
                                    () -> {
                                        try {
                                            waitFor.await();
                                        } catch (InterruptedException e) {
                                            Thread.currentThread().interrupt();
                                        }
                                    },
                                    threads)
                            .thenCompose(ignored -> inner.submit(inputs, outputs));
                }

                @Override
                public void close() {
                    inner.close();
                }
            };
        };
        this.deployments = new Deployments(
                new ModelRepository(root),
                models,
                Map.of(backend.name(), backend),
                gated,
                new SampleInputFile(),
                new BundleReader(10_000_000),
                scheduler,
                new Deployments.DeploymentSettings(2, Duration.ofSeconds(30), Map.of()),
                model -> Map.of());
        service.started();
    }

    /** Holds every request that starts from now on until the returned latch is counted down. */
    CountDownLatch closeGate() {
        CountDownLatch latch = new CountDownLatch(1);
        gate = latch;
        return latch;
    }

    /** A bundle of {@code y = x * w} with x {@code [batch, 3]}, where every weight is {@code weight}. */
    static byte[] linearBundle(Path dir, float weight) {
        return linearBundle(dir, weight, 3);
    }

    static byte[] linearBundle(Path dir, float weight, int features) {
        float[] weights = new float[features * 2];
        java.util.Arrays.fill(weights, weight);
        byte[] model = AgentModels.linear(
                dir.resolve("w" + weight + "-" + features + ".onnx"), weights, features, new float[] {0, 0});
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("model.onnx", model);
        files.put(
                "sample-input.json",
                ("{\"inputs\":[{\"name\":\"x\",\"shape\":[1," + features + "],\"datatype\":\"FP32\",\"data\":"
                                + java.util.Collections.nCopies(features, 1))
                        .concat("}]}")
                        .getBytes(StandardCharsets.UTF_8));
        return AgentModels.bundle(files);
    }

    ModelStatus deploy(String model, String version, byte[] bundle) {
        return deployments.deploy(model, version, "onnxruntime", null, new ByteArrayInputStream(bundle));
    }

    /** Runs {@code [1, 1, 1]} through the model; the answer's first element is 3 times the weight. */
    InferResponse infer(String model, String version) {
        ByteBuffer x = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        x.putFloat(1).putFloat(1).putFloat(1).flip();
        return service.infer(new InferRequest(
                model,
                version,
                "req",
                List.of(Tensor.of("x", DataType.FP32, new long[] {1, 3}, x)),
                Set.of(),
                Map.of()));
    }

    static float first(InferResponse response) {
        return response.outputs().getFirst().data().getFloat(0);
    }

    @Override
    public void close() {
        gate.countDown();
        scheduler.shutdownNow();
        threads.shutdownNow();
        backend.close();
    }
}
