package io.mlops.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many builds asking for one to three GPUs of a three-GPU node at once: nobody ever shares a GPU,
 * everybody gets their turn, and nothing stays held or queued.
 */
class GpuAllocationsConcurrencyTest {
    private static final int THREADS = 8;
    private static final int ROUNDS = 40;
    private static final NodeGpus THREE = new NodeGpus("gpu-1", List.of("GPU-a", "GPU-b", "GPU-c"));

    @TempDir
    Path dir;

    @Test
    void shouldNeverGiveOneGpuToTwoHolders() throws Exception {
        GpuAllocations allocations = GpuAllocations.restore(dir.resolve("gpu-allocations.json"), holder -> false);
        Map<String, String> inUse = new ConcurrentHashMap<>();
        AtomicInteger violations = new AtomicInteger();
        AtomicInteger granted = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int worker = t;
                workers.add(pool.submit(() -> {
                    Random random = new Random(worker);
                    start.await();
                    for (int round = 0; round < ROUNDS; round++) {
                        String holder = "job" + worker + "#" + round;
                        List<String> gpus = allocations.acquire(THREE, holder, 1 + random.nextInt(3));
                        for (String gpu : gpus) {
                            if (inUse.putIfAbsent(gpu, holder) != null) {
                                violations.incrementAndGet();
                            }
                        }
                        granted.incrementAndGet();
                        for (String gpu : gpus) {
                            inUse.remove(gpu, holder);
                        }
                        allocations.release(holder);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(violations.get()).as("GPUs handed to two holders at once").isZero();
        assertThat(granted.get()).isEqualTo(THREADS * ROUNDS);
        assertThat(allocations.holders("gpu-1")).isEmpty();
        assertThat(allocations.waiting("gpu-1")).isEmpty();
        assertThat(GpuAllocations.restore(dir.resolve("gpu-allocations.json"), holder -> true)
                        .holders("gpu-1"))
                .as("the file ends empty as well")
                .isEmpty();
    }
}
