package io.mlops.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A big object's bytes in order, fetched in parallel: the first part is read from the plain GET that
 * found the object to be big, the later parts by ranged GETs into {@link PartBuffers}, ahead of the
 * reader, as many as free buffers allow. The reader (the cache's verified copy) hashes and writes the
 * bytes once, as they come. A broken body surfaces as an {@link UncheckedIOException}, as from any
 * download, so the whole object is fetched again.
 */
final class S3RangedStream extends InputStream {
    private final S3Client client;
    private final String bucket;
    private final String key;
    private final long size;
    private final PartBuffers buffers;
    private final ExecutorService fetchers;
    private final ResponseInputStream<?> first;
    private long firstLeft;
    private long nextOffset;
    private final ArrayDeque<Pending> ahead = new ArrayDeque<>();
    private byte[] current;
    private int position;
    private int limit;

    private record Pending(Future<Integer> fetched, byte[] buffer) {}

    S3RangedStream(
            S3Client client,
            String bucket,
            String key,
            ResponseInputStream<?> first,
            long size,
            PartBuffers buffers,
            ExecutorService fetchers) {
        this.client = client;
        this.bucket = bucket;
        this.key = key;
        this.first = first;
        this.size = size;
        this.buffers = buffers;
        this.fetchers = fetchers;
        this.firstLeft = Math.min(size, buffers.partSize());
        this.nextOffset = firstLeft;
        dispatch(false);
    }

    /** Starts fetches of later parts: as many as buffers are free, at least one when none is under way. */
    private void dispatch(boolean needOne) {
        while (nextOffset < size) {
            byte[] buffer = needOne && ahead.isEmpty() ? buffers.acquire() : buffers.tryAcquire();
            if (buffer == null) {
                return;
            }
            long offset = nextOffset;
            int length = (int) Math.min(buffers.partSize(), size - offset);
            nextOffset += length;
            ahead.add(new Pending(fetchers.submit(() -> fetch(offset, length, buffer)), buffer));
        }
    }

    private int fetch(long offset, int length, byte[] buffer) {
        String range = "bytes=" + offset + "-" + (offset + length - 1);
        try (InputStream in =
                client.getObject(request -> request.bucket(bucket).key(key).range(range))) {
            int filled = 0;
            while (filled < length) {
                int read = in.read(buffer, filled, length - filled);
                if (read < 0) {
                    throw new EOFException("the body of " + range + " ended after " + filled + " bytes");
                }
                filled += read;
            }
            return filled;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        if (firstLeft > 0) {
            return readFirst(target, offset, length);
        }
        if (current != null && position == limit) {
            buffers.release(current);
            current = null;
        }
        if (current == null) {
            if (ahead.isEmpty() && nextOffset >= size) {
                return -1;
            }
            dispatch(true);
            Pending next = ahead.poll();
            current = next.buffer();
            limit = S3PartUpload.result(next.fetched());
            position = 0;
            dispatch(false);
        }
        int n = Math.min(length, limit - position);
        System.arraycopy(current, position, target, offset, n);
        position += n;
        return n;
    }

    private int readFirst(byte[] target, int offset, int length) {
        try {
            int read = first.read(target, offset, (int) Math.min(length, firstLeft));
            if (read < 0) {
                throw new EOFException("the body of " + key + " ended " + firstLeft + " bytes early");
            }
            firstLeft -= read;
            if (firstLeft == 0) {
                first.abort(); // the rest of this body comes by ranges; drop the connection's remainder
            }
            return read;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (firstLeft > 0) {
            first.abort();
        }
        for (Pending pending : ahead) {
            try {
                pending.fetched().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException e) {
                // the object is fetched again or the failure is reported by the reader
            }
            buffers.release(pending.buffer());
        }
        ahead.clear();
        if (current != null) {
            buffers.release(current);
            current = null;
        }
    }
}
