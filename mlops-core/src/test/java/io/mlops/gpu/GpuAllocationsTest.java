package io.mlops.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.error.UserError;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Grants, the waiting rule (strict first come, first served per node), aborts and restores. */
class GpuAllocationsTest {
    private static final NodeGpus TWO = new NodeGpus("gpu-1", List.of("GPU-a", "GPU-b"));

    @TempDir
    Path dir;

    private GpuAllocations open(Set<String> live) {
        return GpuAllocations.restore(dir.resolve("gpu-allocations.json"), live::contains);
    }

    @Test
    void shouldGrantTheFirstFreeGpusAtOnce() throws Exception {
        GpuAllocations allocations = open(Set.of());

        assertThat(allocations.acquire(TWO, "train#1", 1)).containsExactly("GPU-a");
        assertThat(allocations.acquire(TWO, "train#2", 1)).containsExactly("GPU-b");
        assertThat(allocations.holders("gpu-1"))
                .containsExactly(
                        new Allocation("gpu-1", "train#1", List.of("GPU-a")),
                        new Allocation("gpu-1", "train#2", List.of("GPU-b")));
    }

    @Test
    void shouldRefuseAtOnceMoreGpusThanTheNodeHas() {
        GpuAllocations allocations = open(Set.of());

        assertThatThrownBy(() -> allocations.request(TWO, "train#1", 3))
                .isInstanceOf(UserError.class)
                .hasMessage("train#1 asks for 3 GPU(s) but node gpu-1 has 2 [GPU-a, GPU-b]");
        assertThatThrownBy(() -> allocations.request(new NodeGpus("cpu-1", List.of()), "train#1", 1))
                .isInstanceOf(UserError.class)
                .hasMessage("train#1 asks for 1 GPU(s) but node cpu-1 has none");
        assertThatThrownBy(() -> allocations.request(TWO, "train#1", 0))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("ask for at least 1");
        assertThat(allocations.waiting("gpu-1")).isEmpty();
    }

    @Test
    void shouldRefuseASecondRequestOfTheSameHolder() throws Exception {
        GpuAllocations allocations = open(Set.of());
        allocations.acquire(TWO, "train#1", 2);
        allocations.request(TWO, "train#2", 1);

        assertThatThrownBy(() -> allocations.request(TWO, "train#1", 1))
                .isInstanceOf(UserError.class)
                .hasMessage("train#1 already holds GPUs [GPU-a, GPU-b] on gpu-1");
        assertThatThrownBy(() -> allocations.request(TWO, "train#2", 1))
                .isInstanceOf(UserError.class)
                .hasMessage("train#2 already waits for GPUs");
    }

    @Test
    void shouldServeWaitersInOrderSoThatALargeRequestIsNotOvertaken() throws Exception {
        GpuAllocations allocations = open(Set.of());
        allocations.acquire(TWO, "small#1", 1);

        GpuRequest large = allocations.request(TWO, "large#2", 2);
        GpuRequest small = allocations.request(TWO, "small#3", 1);

        assertThat(large.isGranted()).isFalse();
        assertThat(small.isGranted())
                .as("GPU-b is free, but large#2 came first")
                .isFalse();
        assertThat(allocations.waiting("gpu-1")).containsExactly("large#2", "small#3");

        allocations.release("small#1");
        assertThat(large.await()).containsExactly("GPU-a", "GPU-b");
        assertThat(small.isGranted()).isFalse();
        assertThat(allocations.waiting("gpu-1")).containsExactly("small#3");

        allocations.release("large#2");
        assertThat(small.await()).containsExactly("GPU-a");
        assertThat(allocations.waiting("gpu-1")).isEmpty();
    }

    @Test
    void shouldNotMakeOneNodeWaitForAnother() throws Exception {
        GpuAllocations allocations = open(Set.of());
        allocations.acquire(TWO, "a#1", 2);
        allocations.request(TWO, "b#2", 1);

        NodeGpus other = new NodeGpus("gpu-2", List.of("0"));
        assertThat(allocations.acquire(other, "c#3", 1)).containsExactly("0");
    }

    @Test
    void shouldLeaveNoTraceOfAnInterruptedWait() throws Exception {
        GpuAllocations allocations = open(Set.of());
        allocations.acquire(TWO, "a#1", 1);
        CountDownLatch queued = new CountDownLatch(1);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            GpuRequest request = allocations.request(TWO, "b#2", 2);
            queued.countDown();
            try {
                request.await();
            } catch (Throwable e) {
                outcome.set(e);
            }
        });
        waiter.start();
        queued.await();

        waiter.interrupt();
        waiter.join();

        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        assertThat(allocations.waiting("gpu-1")).isEmpty();
        allocations.release("a#1");
        assertThat(allocations.allocation("b#2")).isEmpty();
        assertThat(allocations.acquire(TWO, "c#3", 2)).containsExactly("GPU-a", "GPU-b");
    }

    @Test
    void shouldEndTheWaitOfAHolderReleasedWhileItWaits() throws Exception {
        GpuAllocations allocations = open(Set.of());
        allocations.acquire(TWO, "a#1", 1);
        GpuRequest large = allocations.request(TWO, "large#2", 2);
        GpuRequest small = allocations.request(TWO, "small#3", 1);

        allocations.release("large#2");

        assertThatThrownBy(large::await).isInstanceOf(CancellationException.class);
        assertThatThrownBy(() -> large.granted().toCompletableFuture().join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(CancellationException.class);
        assertThat(small.await())
                .as("the request behind the withdrawn one is now first, and fits")
                .containsExactly("GPU-b");
        assertThat(allocations.waiting("gpu-1")).isEmpty();
        assertThat(allocations.allocation("large#2")).isEmpty();
    }

    @Test
    void shouldGiveBackGpusGrantedToACancelledRequest() throws Exception {
        GpuAllocations allocations = open(Set.of());
        GpuRequest request = allocations.request(TWO, "a#1", 2);
        assertThat(request.isGranted()).isTrue();

        request.cancel();

        assertThat(allocations.holders("gpu-1")).isEmpty();
    }

    @Test
    void shouldKeepOnlyTheAllocationsOfLiveHoldersOnRestore() throws Exception {
        GpuAllocations before = open(Set.of());
        before.acquire(TWO, "running#1", 1);
        before.acquire(TWO, "ended#2", 1);
        before.request(TWO, "queued#3", 1);

        GpuAllocations after = open(Set.of("running#1", "queued#3"));

        assertThat(after.holders("gpu-1")).containsExactly(new Allocation("gpu-1", "running#1", List.of("GPU-a")));
        assertThat(after.waiting("gpu-1"))
                .as("the queue is not kept: a waiting holder asks again")
                .isEmpty();
        assertThat(after.acquire(TWO, "queued#3", 1)).containsExactly("GPU-b");
        assertThat(open(Set.of()).holders("gpu-1"))
                .as("restoring with nobody live releases everything")
                .isEmpty();
    }

    @Test
    void shouldReinstateAnAllocationOnlyWhenItsGpusAreFree() throws Exception {
        GpuAllocations allocations = open(Set.of());
        Allocation had = new Allocation("gpu-1", "resumed#1", List.of("GPU-b"));

        allocations.reinstate(had);
        allocations.reinstate(had);

        assertThat(allocations.allocation("resumed#1")).contains(had);
        assertThat(allocations.acquire(TWO, "next#2", 1)).containsExactly("GPU-a");
        assertThatThrownBy(() -> allocations.reinstate(new Allocation("gpu-1", "other#3", List.of("GPU-a"))))
                .isInstanceOf(UserError.class)
                .hasMessage("GPU GPU-a of node gpu-1 is held by next#2, so other#3 cannot have it back");
        assertThat(open(Set.of("resumed#1")).allocation("resumed#1"))
                .as("a reinstated allocation is written")
                .contains(had);
    }

    @Test
    void shouldNameTheFileWhenItIsNotValid() throws Exception {
        Path file = dir.resolve("gpu-allocations.json");
        Files.writeString(file, "{\"version\": 1, \"allocations\": [");

        assertThatThrownBy(() -> GpuAllocations.restore(file, holder -> true))
                .isInstanceOf(UserError.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void shouldRefuseAFileThatGivesOneGpuToTwoHolders() throws Exception {
        Path file = dir.resolve("gpu-allocations.json");
        Files.writeString(file, """
                {"version": 1, "allocations": [
                  {"node": "gpu-1", "holder": "a#1", "gpus": ["GPU-a"]},
                  {"node": "gpu-1", "holder": "b#2", "gpus": ["GPU-a"]}]}
                """);

        assertThatThrownBy(() -> GpuAllocations.restore(file, holder -> true))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("give GPU GPU-a of node gpu-1 to two holders");
    }
}
