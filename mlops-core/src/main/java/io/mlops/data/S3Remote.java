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
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
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
 * {@code Content-MD5}, so the server refuses bytes that do not match; objects larger than one part go as
 * a multipart upload with an MD5 per part, completed only after the whole file's MD5 matched the id and
 * aborted otherwise — a PUT and a completed multipart upload are atomic, so no partial object is ever
 * visible. A download goes to a temporary file that is renamed into the cache after its MD5 matched.
 * The client retries each request with backoff ({@link S3Clients}); a transfer whose stream breaks
 * mid-body is started again as a whole, a few times.
 */
public final class S3Remote implements Remote {
    /** Part size of multipart uploads; files larger than this go in parts. */
    static final long PART_SIZE = 64L * 1024 * 1024;
    /** Whole-object attempts when a stream breaks mid-body (each request has its own retries too). */
    static final int TRANSFER_ATTEMPTS = 4;

    private static final String OBJECTS = "files/md5/";

    private final StorageLocation.S3 location;
    private final S3Client client;
    private final long partSize;
    private final int jobs;

    S3Remote(StorageLocation.S3 location, S3Client client, long partSize, int jobs) {
        this.location = location;
        this.client = client;
        this.partSize = partSize;
        this.jobs = Math.max(1, jobs);
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
        return new S3Remote(location, S3Clients.open(settings, Math.max(1, jobs) + 2), PART_SIZE, jobs);
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
            if (size > partSize) {
                uploadInParts(file, id, size);
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

    private void uploadInParts(Path file, ObjectId id, long size) {
        String key = keyOf(id);
        String uploadId = client.createMultipartUpload(
                        request -> request.bucket(location.bucket()).key(key))
                .uploadId();
        boolean completed = false;
        try {
            MessageDigest whole = ObjectCache.md5();
            List<CompletedPart> parts = new ArrayList<>();
            for (int number = 1; (long) (number - 1) * partSize < size; number++) {
                long offset = (number - 1) * partSize;
                long length = Math.min(partSize, size - offset);
                byte[] partMd5 = digestRange(file, offset, length, whole);
                int partNumber = number;
                String etag = client.uploadPart(
                                request -> request.bucket(location.bucket())
                                        .key(key)
                                        .uploadId(uploadId)
                                        .partNumber(partNumber)
                                        .contentLength(length)
                                        .contentMD5(base64(partMd5)),
                                RequestBody.fromContentProvider(
                                        () -> rangeStream(file, offset, length), length, "application/octet-stream"))
                        .eTag();
                parts.add(CompletedPart.builder()
                        .partNumber(partNumber)
                        .eTag(etag)
                        .build());
            }
            String actual = ObjectCache.hex(whole);
            if (!actual.equals(id.md5())) {
                throw new UserError("corrupt object " + file + ": its content has MD5 " + actual + " but its name says "
                        + id.md5() + "; not pushed");
            }
            client.completeMultipartUpload(request -> request.bucket(location.bucket())
                    .key(key)
                    .uploadId(uploadId)
                    .multipartUpload(upload -> upload.parts(parts)));
            completed = true;
        } finally {
            if (!completed) {
                abortQuietly(key, uploadId);
            }
        }
    }

    private void abortQuietly(String key, String uploadId) {
        try {
            client.abortMultipartUpload(
                    request -> request.bucket(location.bucket()).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            // The upload stays invisible either way; a bucket lifecycle rule removes abandoned parts.
        }
    }

    /** Reads a range of a file once: its MD5 alone, and fed into the whole file's MD5. */
    private static byte[] digestRange(Path file, long offset, long length, MessageDigest whole) {
        MessageDigest part = ObjectCache.md5();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(1024 * 1024);
            long position = offset;
            long end = offset + length;
            while (position < end) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), end - position));
                int read = channel.read(buffer, position);
                if (read < 0) {
                    throw new UserError("object " + file + " became shorter while being pushed");
                }
                position += read;
                part.update(buffer.array(), 0, read);
                whole.update(buffer.array(), 0, read);
            }
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage(), e);
        }
        return part.digest();
    }

    private static InputStream rangeStream(Path file, long offset, long length) {
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
            channel.position(offset);
            InputStream in = Channels.newInputStream(channel);
            return new FilterInputStream(in) {
                private long left = length;

                @Override
                public int read() throws IOException {
                    if (left <= 0) {
                        return -1;
                    }
                    int b = super.read();
                    if (b >= 0) {
                        left--;
                    }
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    if (left <= 0) {
                        return -1;
                    }
                    int n = super.read(b, off, (int) Math.min(len, left));
                    if (n > 0) {
                        left -= n;
                    }
                    return n;
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public long download(ObjectId id, ObjectCache into) {
        String key = keyOf(id);
        return withRetries("download of " + key, () -> {
            try (ResponseInputStream<GetObjectResponse> in = client.getObject(
                    request -> request.bucket(location.bucket()).key(key))) {
                into.receive(id, new BreakDetecting(in), location + "/" + id.cachePath());
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
