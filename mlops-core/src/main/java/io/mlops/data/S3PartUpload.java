package io.mlops.data;

import io.mlops.error.UserError;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * One big object sent as an S3 multipart upload. The file is read once, in order, into buffers of
 * {@link PartBuffers}: the reader feeds the whole file's MD5 as it goes, and each full buffer is sent as a
 * part by another thread (its own MD5 as {@code Content-MD5}, so the server refuses damaged bytes) while the
 * reader fills the next one. The upload is completed only when the whole file's MD5 matched the object's
 * name, and aborted otherwise: S3 shows the object only on completion, so nothing partial is ever visible.
 */
final class S3PartUpload {
    private final S3Client client;
    private final String bucket;
    private final PartBuffers buffers;
    private final ExecutorService senders;

    S3PartUpload(S3Client client, String bucket, PartBuffers buffers, ExecutorService senders) {
        this.client = client;
        this.bucket = bucket;
        this.buffers = buffers;
        this.senders = senders;
    }

    /**
     * Sends a file under a key.
     *
     * @param key the object key
     * @param file the file, {@code size} bytes long
     * @param id the object's name, whose MD5 the bytes must have
     * @param size the file's size
     * @throws UserError when the file cannot be read or its bytes do not match {@code id}
     * @throws java.io.UncheckedIOException when a part's body broke on the way (the caller sends again)
     * @throws SdkException when the server refused a request after the client's retries
     */
    void send(String key, Path file, ObjectId id, long size) {
        String uploadId = client.createMultipartUpload(
                        request -> request.bucket(bucket).key(key))
                .uploadId();
        List<Future<CompletedPart>> sent = new ArrayList<>();
        boolean completed = false;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            MessageDigest whole = ObjectCache.md5();
            int number = 1;
            for (long offset = 0; offset < size; offset += buffers.partSize(), number++) {
                failFast(sent);
                int length = (int) Math.min(buffers.partSize(), size - offset);
                byte[] buffer = buffers.acquire();
                try {
                    fill(channel, buffer, length, offset, file);
                } catch (RuntimeException e) {
                    buffers.release(buffer);
                    throw e;
                }
                whole.update(buffer, 0, length);
                sent.add(senders.submit(sendPart(key, uploadId, number, buffer, length)));
            }
            String actual = ObjectCache.hex(whole);
            if (!actual.equals(id.md5())) {
                throw new UserError("corrupt object " + file + ": its content has MD5 " + actual + " but its name says "
                        + id.md5() + "; not pushed");
            }
            List<CompletedPart> parts = new ArrayList<>();
            for (Future<CompletedPart> part : sent) {
                parts.add(result(part));
            }
            client.completeMultipartUpload(request ->
                    request.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(upload -> upload.parts(parts)));
            completed = true;
        } catch (IOException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage(), e);
        } finally {
            if (!completed) {
                settle(sent);
                abortQuietly(key, uploadId);
            }
        }
    }

    private java.util.concurrent.Callable<CompletedPart> sendPart(
            String key, String uploadId, int number, byte[] buffer, int length) {
        return () -> {
            try {
                MessageDigest md5 = ObjectCache.md5();
                md5.update(buffer, 0, length);
                String contentMd5 = Base64.getEncoder().encodeToString(md5.digest());
                String etag = client.uploadPart(
                                request -> request.bucket(bucket)
                                        .key(key)
                                        .uploadId(uploadId)
                                        .partNumber(number)
                                        .contentLength((long) length)
                                        .contentMD5(contentMd5),
                                RequestBody.fromContentProvider(
                                        () -> new ByteArrayInputStream(buffer, 0, length),
                                        length,
                                        "application/octet-stream"))
                        .eTag();
                return CompletedPart.builder().partNumber(number).eTag(etag).build();
            } finally {
                buffers.release(buffer);
            }
        };
    }

    private static void fill(FileChannel channel, byte[] buffer, int length, long offset, Path file)
            throws IOException {
        ByteBuffer target = ByteBuffer.wrap(buffer, 0, length);
        while (target.hasRemaining()) {
            if (channel.read(target, offset + target.position()) < 0) {
                throw new UserError("object " + file + " became shorter while being pushed");
            }
        }
    }

    /** Stops reading early when a part already failed. */
    private static void failFast(List<Future<CompletedPart>> sent) {
        for (Future<CompletedPart> part : sent) {
            if (part.isDone()) {
                result(part);
            }
        }
    }

    static <T> T result(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserError("transfer interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Waits for the parts in flight, so that none reaches the server after the abort. */
    private static void settle(List<Future<CompletedPart>> sent) {
        for (Future<CompletedPart> part : sent) {
            try {
                part.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                // the failure that matters is already on its way up
            }
        }
    }

    private void abortQuietly(String key, String uploadId) {
        try {
            client.abortMultipartUpload(
                    request -> request.bucket(bucket).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            // The upload stays invisible either way; a bucket lifecycle rule removes abandoned parts.
        }
    }
}
