package io.mlops.data;

import io.mlops.error.UserError;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

/**
 * A fixed number of part-sized buffers shared by every transfer of one remote: what bounds the memory
 * that parallel parts of big objects hold (buffers times part size), however many objects move at once.
 */
final class PartBuffers {
    private final int partSize;
    private final Semaphore free;
    private final ConcurrentLinkedQueue<byte[]> spare = new ConcurrentLinkedQueue<>();

    PartBuffers(int count, int partSize) {
        this.partSize = partSize;
        this.free = new Semaphore(count);
    }

    /** The size of every buffer. */
    int partSize() {
        return partSize;
    }

    /** Waits for a buffer; {@link #release} gives it back. */
    byte[] acquire() {
        try {
            free.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("transfer interrupted");
        }
        return take();
    }

    /** A buffer if one is free now, else null. */
    byte[] tryAcquire() {
        return free.tryAcquire() ? take() : null;
    }

    private byte[] take() {
        byte[] buffer = spare.poll();
        return buffer != null ? buffer : new byte[partSize];
    }

    void release(byte[] buffer) {
        spare.add(buffer);
        free.release();
    }
}
