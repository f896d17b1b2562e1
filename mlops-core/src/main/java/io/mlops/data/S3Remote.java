package io.mlops.data;

import io.mlops.error.UserError;
import io.mlops.objectstore.S3Clients;
import io.mlops.objectstore.S3Failures;
import io.mlops.objectstore.S3Settings;
import io.mlops.objectstore.StorageLocation;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A remote in an S3 bucket, in DVC 3's remote layout ({@code PREFIX/files/md5/ab/cdef...}, directory
 * manifests as {@code ....dir}), so {@code dvc pull} with dvc-s3 reads what the suite pushed and the other
 * way round.
 *
 * <p>Presence is asked with listings, one per two-hex-digit directory the objects fall into (at most
 * 256, run in parallel), never a HEAD per object. An upload sends the object's MD5 (its id) as
 * {@code Content-MD5}, so the server refuses bytes that do not match; objects larger than {@link #PUT_LIMIT} go as
 * a multipart upload ({@link S3PartUpload}: the file read once, parts sent in parallel, each with its MD5),
 * completed only after the whole file's MD5 matched the id and aborted otherwise — a PUT and a completed
 * multipart upload are atomic, so no partial object is ever visible. A download goes to a temporary file
 * that is renamed into the cache after its MD5, computed as the bytes arrive, matched; big objects come
 * by parallel ranged GETs ({@link S3RangedStream}).
 * The client retries each request with backoff ({@link S3Clients}); a transfer whose stream breaks
 * mid-body is started again as a whole, a few times.
 */
public final class S3Remote implements Remote {
    /**
     * Part size of multipart uploads and ranged downloads; objects larger than this come in ranges,
     * several at once. Small enough that the buffers of the parts in flight stay modest ({@link
     * #buffersFor}).
     */
    static final long PART_SIZE = 16L * 1024 * 1024;
    /**
     * Objects up to this size go up in one PUT, streamed from the file, larger ones as a multipart
     * upload. A PUT sends the object's name as {@code Content-MD5}, so the server checks every byte
     * against the name and the client hashes nothing; a multipart upload hashes each byte twice (the
     * part's MD5 for the server, the whole file's to match the name). s3fs, under DVC, also sends files
     * under 100 MiB in one PUT.
     */
    static final long PUT_LIMIT = 64L * 1024 * 1024;
    /** Whole-object attempts when a stream breaks mid-body (each request has its own retries too). */
    static final int TRANSFER_ATTEMPTS = 4;

    private static final String OBJECTS = "files/md5/";

    private final StorageLocation.S3 location;
    private final S3Client client;
    private final long putLimit;
    private final long partSize;
    private final int jobs;
    private final PartBuffers buffers;
    private final ExecutorService parts;

    S3Remote(StorageLocation.S3 location, S3Client client, long partSize, int jobs) {
        this(location, client, partSize, partSize, jobs);
    }

    S3Remote(StorageLocation.S3 location, S3Client client, long putLimit, long partSize, int jobs) {
        this.location = location;
        this.client = client;
        this.putLimit = putLimit;
        this.partSize = partSize;
        this.jobs = Math.max(1, jobs);
        this.buffers = new PartBuffers(buffersFor(this.jobs), Math.toIntExact(partSize));
        this.parts = Executors.newCachedThreadPool(
                Thread.ofPlatform().daemon().name("s3-part-", 0).factory());
    }

    /**
     * How many parts of big objects are in memory at once: one per job (so a single big object alone still
     * moves {@code jobs} parts in parallel), at least 2, at most 16 (16 x 16 MiB of heap).
     */
    static int buffersFor(int jobs) {
        return Math.clamp(jobs, 2, 16);
    }

    /**
     * Opens a remote on a bucket and prefix.
     *
     * @param location the bucket and prefix
     * @param settings how to reach the server
     * @param jobs how many transfers will run at once
     * @return the remote; the caller closes it
     */
    public static S3Remote open(StorageLocation.S3 location, S3Settings settings, int jobs) {
        // a connection per job, per part buffer (parts of big objects move beside the jobs) and a spare
        int connections = Math.max(1, jobs) + buffersFor(Math.max(1, jobs)) + 2;
        return new S3Remote(location, S3Clients.open(settings, connections), PUT_LIMIT, PART_SIZE, jobs);
    }

    @Override
    public String location() {
        return location.toString();
    }

    @Override
    public Set<ObjectId> present(Collection<ObjectId> ids) {
        Map<String, Set<ObjectId>> byDirectory = new TreeMap<>();
        for (ObjectId id : ids) {
            byDirectory
                    .computeIfAbsent(id.md5().substring(0, 2), k -> ConcurrentHashMap.newKeySet())
                    .add(id);
        }
        List<String> directories = new ArrayList<>(byDirectory.keySet());
        Set<ObjectId> found = ConcurrentHashMap.newKeySet();
        WorkerPool.run(directories.size(), jobs, "s3-list", i -> {
            String directory = directories.get(i);
            Set<ObjectId> wanted = byDirectory.get(directory);
            String prefix = location.key(OBJECTS + directory + "/");
            try {
                for (S3Object object : client.listObjectsV2Paginator(
                                request -> request.bucket(location.bucket()).prefix(prefix))
                        .contents()) {
                    ObjectId id = idOf(directory, object.key().substring(prefix.length()));
                    if (id != null && wanted.contains(id)) {
                        found.add(id);
                    }
                }
            } catch (SdkException e) {
                throw S3Failures.describe("listing of " + prefix, location, e);
            }
        });
        return Set.copyOf(found);
    }

    private static ObjectId idOf(String directory, String rest) {
        String name = directory + rest;
        boolean dir = name.endsWith(".dir");
        String md5 = dir ? name.substring(0, name.length() - 4) : name;
        return md5.matches("[0-9a-f]{32}") ? new ObjectId(md5, dir) : null;
    }

    private String keyOf(ObjectId id) {
        return location.key(id.cachePath());
    }

    @Override
    public long upload(ObjectCache from, ObjectId id) {
        Path file = from.pathOf(id);
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new UserError("object " + id + " is missing from the cache: " + file, e);
        }
        String action = "upload of " + keyOf(id);
        return withRetries(action, () -> {
            if (size > putLimit) {
                new S3PartUpload(client, location.bucket(), buffers, parts).send(keyOf(id), file, id, size);
            } else {
                client.putObject(
                        request -> request.bucket(location.bucket())
                                .key(keyOf(id))
                                .contentLength(size)
                                .contentMD5(base64(HexFormat.of().parseHex(id.md5()))),
                        RequestBody.fromFile(file));
            }
            return size;
        });
    }

    @Override
    public long download(ObjectId id, ObjectCache into) {
        String key = keyOf(id);
        return withRetries("download of " + key, () -> {
            try (ResponseInputStream<GetObjectResponse> in = client.getObject(
                    request -> request.bucket(location.bucket()).key(key))) {
                long size = in.response().contentLength() == null
                        ? 0
                        : in.response().contentLength();
                if (size > partSize) {
                    try (S3RangedStream ranged =
                            new S3RangedStream(client, location.bucket(), key, in, size, buffers, parts)) {
                        into.receive(id, ranged, location + "/" + id.cachePath());
                    }
                } else {
                    into.receive(id, new BreakDetecting(in), location + "/" + id.cachePath());
                }
            } catch (NoSuchKeyException e) {
                throw new UserError("remote " + location + " lacks object " + id);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return into.sizeOf(id);
        });
    }

    /** One transfer, started again as a whole when its stream breaks or the server keeps failing. */
    @FunctionalInterface
    private interface Transfer {
        long run();
    }

    private long withRetries(String action, Transfer transfer) {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= TRANSFER_ATTEMPTS; attempt++) {
            try {
                return transfer.run();
            } catch (UncheckedIOException e) {
                last = new UserError(
                        location + ": " + action + " failed: " + e.getCause().getMessage(), e);
            } catch (SdkException e) {
                // the client retried the request itself already (S3Clients), with backoff
                throw S3Failures.describe(action, location, e);
            } catch (UserError e) {
                if (!e.getMessage().startsWith("corrupt object " + location)) {
                    throw e;
                }
                last = e; // bytes damaged on the way: fetch again
            }
            backOff(attempt);
        }
        throw last;
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(Math.min(2000L, 100L << attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("transfer interrupted");
        }
    }

    private static String base64(byte[] digest) {
        return Base64.getEncoder().encodeToString(digest);
    }

    @Override
    public void close() {
        parts.shutdownNow();
        client.close();
    }

    /** Turns a broken response body into an unchecked failure that the whole-object retry recognises. */
    private static final class BreakDetecting extends FilterInputStream {
        BreakDetecting(InputStream in) {
            super(in);
        }

        @Override
        public int read() {
            try {
                return super.read();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
