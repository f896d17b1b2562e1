package io.mlops.gpu;

import io.mlops.error.UserError;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * Which GPUs of each node are held by whom, and who waits for them: one per host (a Jenkins
 * controller), kept in a file so that it survives a restart.
 *
 * <p><b>Waiting rule: strict first come, first served per node.</b> A request is granted only when
 * every earlier request for the same node has been granted and enough of the node's GPUs are free.
 * A later request never overtakes an earlier one, even when it would fit: a request for 2 GPUs is
 * therefore never starved by a stream of requests for 1, at the price of a free GPU staying idle
 * while the head of the queue waits for a second one. Requests for other nodes do not wait on each
 * other.
 *
 * <p><b>Durability.</b> Every grant is written to the file (temporary file, then rename) before the
 * holder learns its GPUs; every release is written too. The queue is not written: a waiting holder
 * that survives a restart asks again. {@link #restore} reads the file and keeps only the allocations
 * of holders that the host says are still live.
 *
 * <p>Thread-safe. Grants are handed to the waiting callers outside the lock, so their callbacks may
 * call back into this object.
 */
public final class GpuAllocations {
    /** A queued request. */
    private record Waiter(NodeGpus node, String holder, int count, CompletableFuture<List<String>> result) {}

    private final AllocationFile file;
    private final Object lock = new Object();
    private final Map<String, Allocation> held = new LinkedHashMap<>();
    private final Map<String, Deque<Waiter>> queues = new LinkedHashMap<>();

    private GpuAllocations(AllocationFile file, List<Allocation> restored) {
        this.file = file;
        for (Allocation allocation : restored) {
            held.put(allocation.holder(), allocation);
        }
    }

    /**
     * Opens the allocations kept in a file (none when it does not exist yet), keeping those of live
     * holders and releasing the others (builds that ended while the host was down).
     *
     * @param file the file, e.g. {@code JENKINS_HOME/mlops/gpu-allocations.json}
     * @param live whether a holder is still live (a build still running)
     * @return the allocations
     * @throws UserError when the file cannot be read or written
     */
    public static GpuAllocations restore(Path file, Predicate<String> live) {
        AllocationFile store = new AllocationFile(file);
        List<Allocation> kept = new ArrayList<>();
        Set<String> gpusTaken = new HashSet<>();
        for (Allocation allocation : store.read()) {
            if (!live.test(allocation.holder())) {
                continue;
            }
            for (String gpu : allocation.gpus()) {
                if (!gpusTaken.add(allocation.node() + "\n" + gpu)) {
                    throw new UserError("the GPU allocations in " + file + " give GPU " + gpu + " of node "
                            + allocation.node() + " to two holders");
                }
            }
            kept.add(allocation);
        }
        store.write(kept);
        return new GpuAllocations(store, kept);
    }

    /**
     * Asks for GPUs of a node for a holder: granted at once when nobody waits for the node and
     * enough are free, queued otherwise.
     *
     * @param node the node and its GPUs as known now
     * @param holder who asks: a build's id, at most one request or allocation at a time
     * @param count how many GPUs, at least 1
     * @return the request
     * @throws UserError at once when the count is below 1 or above the node's number of GPUs, or the
     *     holder already holds or waits for GPUs
     */
    public GpuRequest request(NodeGpus node, String holder, int count) {
        if (holder == null || holder.isBlank()) {
            throw new UserError("a GPU request needs a holder");
        }
        if (count < 1) {
            throw new UserError(holder + " asks for " + count + " GPUs on " + node.node() + "; ask for at least 1");
        }
        if (count > node.gpus().size()) {
            throw new UserError(holder + " asks for " + count + " GPU(s) but node " + node.node() + " has "
                    + (node.gpus().isEmpty() ? "none" : node.gpus().size() + " " + node.gpus()));
        }
        CompletableFuture<List<String>> result = new CompletableFuture<>();
        List<Runnable> grants;
        synchronized (lock) {
            Allocation current = held.get(holder);
            if (current != null) {
                throw new UserError(holder + " already holds GPUs " + current.gpus() + " on " + current.node());
            }
            if (waiter(holder).isPresent()) {
                throw new UserError(holder + " already waits for GPUs");
            }
            queues.computeIfAbsent(node.node(), n -> new ArrayDeque<>())
                    .addLast(new Waiter(node, holder, count, result));
            grants = grantOn(node.node());
        }
        grants.forEach(Runnable::run);
        return new GpuRequest(this, holder, result);
    }

    /**
     * Asks for GPUs and waits for them.
     *
     * @param node the node and its GPUs as known now
     * @param holder who asks
     * @param count how many GPUs
     * @return the GPUs handed out
     * @throws InterruptedException when interrupted while waiting; the request leaves the queue
     * @throws CancellationException when the holder is released while it waits
     * @throws UserError as {@link #request}
     */
    public List<String> acquire(NodeGpus node, String holder, int count) throws InterruptedException {
        return request(node, holder, count).await();
    }

    /**
     * Gives back the holder's GPUs, or withdraws its waiting request (which then completes with a
     * {@link CancellationException}); nothing when it has neither. The next requests in line are
     * granted.
     *
     * @param holder the holder
     * @throws UserError when the release cannot be written (it holds in memory all the same)
     */
    public void release(String holder) {
        List<Runnable> grants = new ArrayList<>();
        UserError unwritten = null;
        synchronized (lock) {
            Optional<Waiter> waiting = waiter(holder);
            if (waiting.isPresent()) {
                Waiter waiter = waiting.get();
                queues.get(waiter.node().node()).remove(waiter);
                grants.add(() -> waiter.result()
                        .completeExceptionally(new CancellationException(holder + " no longer waits for GPUs")));
                grants.addAll(grantOn(waiter.node().node()));
            }
            Allocation allocation = held.remove(holder);
            if (allocation != null) {
                try {
                    file.write(List.copyOf(held.values()));
                } catch (UserError e) {
                    unwritten = e;
                }
                grants.addAll(grantOn(allocation.node()));
            }
        }
        grants.forEach(Runnable::run);
        if (unwritten != null) {
            throw unwritten;
        }
    }

    /**
     * Puts back an allocation a holder had before a restart, when {@link #restore} did not keep it
     * (idempotent when it did).
     *
     * @param allocation what the holder had
     * @throws UserError when the holder now holds other GPUs, one of the GPUs is held by someone
     *     else, or the file cannot be written
     */
    public void reinstate(Allocation allocation) {
        synchronized (lock) {
            Allocation current = held.get(allocation.holder());
            if (allocation.equals(current)) {
                return;
            }
            if (current != null) {
                throw new UserError(allocation.holder() + " holds GPUs " + current.gpus() + " on " + current.node()
                        + ", not " + allocation.gpus() + " on " + allocation.node());
            }
            for (Allocation other : held.values()) {
                if (other.node().equals(allocation.node())) {
                    for (String gpu : other.gpus()) {
                        if (allocation.gpus().contains(gpu)) {
                            throw new UserError("GPU " + gpu + " of node " + allocation.node() + " is held by "
                                    + other.holder() + ", so " + allocation.holder() + " cannot have it back");
                        }
                    }
                }
            }
            held.put(allocation.holder(), allocation);
            try {
                file.write(List.copyOf(held.values()));
            } catch (UserError e) {
                held.remove(allocation.holder());
                throw e;
            }
        }
    }

    /**
     * What a holder holds.
     *
     * @param holder the holder
     * @return its allocation, if any
     */
    public Optional<Allocation> allocation(String holder) {
        synchronized (lock) {
            return Optional.ofNullable(held.get(holder));
        }
    }

    /**
     * Who holds GPUs of a node.
     *
     * @param node the node's name
     * @return the allocations on it, oldest first
     */
    public List<Allocation> holders(String node) {
        synchronized (lock) {
            return held.values().stream().filter(a -> a.node().equals(node)).toList();
        }
    }

    /**
     * Who waits for GPUs of a node.
     *
     * @param node the node's name
     * @return the waiting holders, in the order they will be served
     */
    public List<String> waiting(String node) {
        synchronized (lock) {
            Deque<Waiter> queue = queues.get(node);
            return queue == null
                    ? List.of()
                    : queue.stream().map(Waiter::holder).toList();
        }
    }

    private Optional<Waiter> waiter(String holder) {
        return queues.values().stream()
                .flatMap(Deque::stream)
                .filter(w -> w.holder().equals(holder))
                .findFirst();
    }

    /** Grants the node's queue from its head while GPUs suffice; the returned actions tell the holders. */
    private List<Runnable> grantOn(String node) {
        List<Runnable> told = new ArrayList<>();
        Deque<Waiter> queue = queues.get(node);
        while (queue != null && !queue.isEmpty()) {
            Waiter head = queue.peekFirst();
            List<String> free = free(head.node());
            if (free.size() < head.count()) {
                break;
            }
            queue.pollFirst();
            List<String> gpus = List.copyOf(free.subList(0, head.count()));
            held.put(head.holder(), new Allocation(node, head.holder(), gpus));
            try {
                file.write(List.copyOf(held.values()));
                told.add(() -> head.result().complete(gpus));
            } catch (UserError e) {
                held.remove(head.holder());
                told.add(() -> head.result().completeExceptionally(e));
            }
        }
        if (queue != null && queue.isEmpty()) {
            queues.remove(node);
        }
        return told;
    }

    private List<String> free(NodeGpus node) {
        Set<String> taken = new HashSet<>();
        for (Allocation allocation : held.values()) {
            if (allocation.node().equals(node.node())) {
                taken.addAll(allocation.gpus());
            }
        }
        return node.gpus().stream().filter(gpu -> !taken.contains(gpu)).toList();
    }
}
