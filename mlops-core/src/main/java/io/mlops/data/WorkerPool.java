package io.mlops.data;

import io.mlops.error.UserError;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/** Runs one task per index on a few threads; the first failure stops the rest and is rethrown. */
final class WorkerPool {
    private WorkerPool() {}

    /**
     * Runs {@code task} for every index from 0 to {@code count - 1}.
     *
     * @param count how many tasks
     * @param threads the most threads to use
     * @param name a prefix for the thread names
     * @param task what to do for one index; runs concurrently with others
     */
    static void run(int count, int threads, String name, IntConsumer task) {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Runnable worker = () -> {
            int i;
            while (failure.get() == null && (i = next.getAndIncrement()) < count) {
                try {
                    task.accept(i);
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }
        };
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < Math.min(threads, Math.max(1, count)); t++) {
            workers.add(Thread.ofPlatform().name(name + "-" + t).start(worker));
        }
        for (Thread thread : workers) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure.compareAndSet(null, new UserError(name + " interrupted"));
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }
}
