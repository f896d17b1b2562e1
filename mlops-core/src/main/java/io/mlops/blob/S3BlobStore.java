package io.mlops.blob;

import io.mlops.error.UserError;
import io.mlops.objectstore.S3Failures;
import io.mlops.objectstore.StorageLocation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Blobs as objects in an S3 bucket, with the layout of {@link LocalBlobStore} under the location's
 * prefix ({@code <prefix>/sha256/ab/cdef...}), so a directory store copied into the bucket (e.g. with
 * {@code aws s3 sync}) is a valid S3 store.
 *
 * <p>The name of a blob is known only once its last byte is read, so {@link #put} first spools the
 * stream to a local file (computing the SHA-256 and the MD5 of each part as it goes), then places
 * the object under its final key in one request, or as a multipart upload with a Content-MD5 per
 * part for bodies over one part. S3 makes an object visible only when its PUT or its multipart
 * completion succeeds; a failed multipart upload is aborted. A client cut off mid-upload therefore
 * leaves nothing under any blob key. {@link #open} streams the object; nothing is buffered whole.
 */
public final class S3BlobStore implements BlobStore {
    /** Part size of multipart uploads: bodies up to this size go in one PUT. */
    public static final long DEFAULT_PART_SIZE = 16L * 1024 * 1024;

    /** S3's smallest part (all but the last). */
    private static final long MIN_PART_SIZE = 5L * 1024 * 1024;

    private static final int BUFFER = 64 * 1024;

    /** Spool files are named {@code upload-PID-RANDOM.part}: the process id tells an abandoned one. */
    private static final String SPOOL_PREFIX = "upload-";

    private static final String SPOOL_SUFFIX = ".part";

    private final S3Client client;
    private final StorageLocation.S3 location;
    private final Path spool;
    private final long partSize;

    /**
     * Creates the store.
     *
     * @param client the client (see {@link io.mlops.objectstore.S3Clients}); the caller closes it
     * @param location the bucket and key prefix
     * @param spool a local directory for uploads in progress, created if needed
     * @param partSize the multipart part size, at least 5 MiB
     * @throws UserError when the spool directory cannot be created
     */
    public S3BlobStore(S3Client client, StorageLocation.S3 location, Path spool, long partSize) {
        this.client = Objects.requireNonNull(client, "client");
        this.location = Objects.requireNonNull(location, "location");
        if (partSize < MIN_PART_SIZE) {
            throw new IllegalArgumentException("part size below S3's 5 MiB minimum: " + partSize);
        }
        this.partSize = partSize;
        this.spool = spool.toAbsolutePath().normalize();
        try {
            Files.createDirectories(this.spool);
        } catch (IOException e) {
            throw new UserError("cannot create the upload directory " + this.spool + ": " + e.getMessage(), e);
        }
        removeAbandonedSpools(this.spool);
    }

    /**
     * Removes the spool files of uploads whose process is gone (killed mid-upload: a failed upload removes
     * its own). Each spool file carries its process id in its name, so the files of a live process (another
     * host on the same home) are left alone.
     */
    static void removeAbandonedSpools(Path spool) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(spool, SPOOL_PREFIX + "*" + SPOOL_SUFFIX)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String pid = name.substring(
                        SPOOL_PREFIX.length(),
                        Math.max(SPOOL_PREFIX.length(), name.indexOf('-', SPOOL_PREFIX.length())));
                boolean alive = pid.matches("[0-9]{1,18}")
                        && ProcessHandle.of(Long.parseLong(pid)).isPresent();
                if (!alive) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException e) {
            // a spool file that cannot be removed now is removed on a later start; uploads work regardless
        }
    }

    /**
     * The bucket and prefix the blobs are kept under.
     *
     * @return the location
     */
    public StorageLocation.S3 location() {
        return location;
    }

    /**
     * Checks that the bucket can be reached with the configured credentials, so that a wrong key, a
     * missing bucket or an unreachable endpoint is reported when a host starts, not on first upload.
     *
     * @throws UserError naming the location and what to check
     */
    public void check() {
        try {
            client.listObjectsV2(request -> request.bucket(location.bucket())
                    .prefix(location.key("sha256/"))
                    .maxKeys(1));
        } catch (SdkException e) {
            throw S3Failures.describe("listing the artifact store", location, e);
        }
    }

    @Override
    public Blob put(InputStream content) throws IOException {
        Path temporary = Files.createTempFile(
                spool, SPOOL_PREFIX + ProcessHandle.current().pid() + "-", SPOOL_SUFFIX);
        try {
            Spooled spooled = spool(content, temporary);
            String key = key(spooled.id());
            if (!exists(key)) {
                upload(key, temporary, spooled);
            }
            return new Blob(spooled.id(), spooled.size());
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    @Override
    public InputStream open(BlobId id) throws IOException {
        String key = key(id);
        try {
            return client.getObject(request -> request.bucket(location.bucket()).key(key));
        } catch (NoSuchKeyException e) {
            throw new NoSuchFileException(location + "/" + relative(id));
        } catch (SdkException e) {
            throw S3Failures.describe("download of " + relative(id), location, e);
        }
    }

    @Override
    public boolean contains(BlobId id) {
        return exists(key(id));
    }

    private boolean exists(String key) {
        try {
            client.headObject(request -> request.bucket(location.bucket()).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw S3Failures.describe("lookup of " + key, location, e);
        } catch (SdkException e) {
            throw S3Failures.describe("lookup of " + key, location, e);
        }
    }

    private Spooled spool(InputStream content, Path temporary) throws IOException {
        MessageDigest sha256 = digest("SHA-256");
        MessageDigest md5 = digest("MD5");
        List<String> partMd5 = new ArrayList<>();
        long size = 0;
        long inPart = 0;
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
                OutputStream out = Channels.newOutputStream(channel)) {
            byte[] buffer = new byte[BUFFER];
            for (int read; (read = content.read(buffer)) >= 0; ) {
                int offset = 0;
                while (offset < read) {
                    int n = (int) Math.min(read - offset, partSize - inPart);
                    md5.update(buffer, offset, n);
                    inPart += n;
                    offset += n;
                    if (inPart == partSize) {
                        partMd5.add(Base64.getEncoder().encodeToString(md5.digest()));
                        inPart = 0;
                    }
                }
                sha256.update(buffer, 0, read);
                out.write(buffer, 0, read);
                size += read;
            }
        }
        if (inPart > 0 || size == 0) {
            partMd5.add(Base64.getEncoder().encodeToString(md5.digest()));
        }
        return new Spooled(BlobId.of(sha256.digest()), size, List.copyOf(partMd5));
    }

    private void upload(String key, Path file, Spooled spooled) {
        if (spooled.partMd5().size() == 1) {
            try {
                client.putObject(
                        request -> request.bucket(location.bucket())
                                .key(key)
                                .contentLength(spooled.size())
                                .contentMD5(spooled.partMd5().get(0)),
                        RequestBody.fromFile(file));
            } catch (SdkException e) {
                throw S3Failures.describe("upload of " + key, location, e);
            }
            return;
        }
        String uploadId;
        try {
            uploadId = client.createMultipartUpload(
                            request -> request.bucket(location.bucket()).key(key))
                    .uploadId();
        } catch (SdkException e) {
            throw S3Failures.describe("upload of " + key, location, e);
        }
        try {
            List<CompletedPart> parts = new ArrayList<>();
            for (int index = 0; index < spooled.partMd5().size(); index++) {
                int number = index + 1;
                long offset = index * partSize;
                long length = Math.min(partSize, spooled.size() - offset);
                String md5 = spooled.partMd5().get(index);
                String etag = client.uploadPart(
                                request -> request.bucket(location.bucket())
                                        .key(key)
                                        .uploadId(uploadId)
                                        .partNumber(number)
                                        .contentLength(length)
                                        .contentMD5(md5),
                                RequestBody.fromContentProvider(
                                        () -> FileSlice.open(file, offset, length), length, "application/octet-stream"))
                        .eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            }
            client.completeMultipartUpload(request -> request.bucket(location.bucket())
                    .key(key)
                    .uploadId(uploadId)
                    .multipartUpload(upload -> upload.parts(parts)));
        } catch (RuntimeException e) {
            abort(key, uploadId, e);
            if (e instanceof SdkException sdk) {
                throw S3Failures.describe("upload of " + key, location, sdk);
            }
            throw e;
        }
    }

    private void abort(String key, String uploadId, RuntimeException cause) {
        try {
            client.abortMultipartUpload(
                    request -> request.bucket(location.bucket()).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            // The parts stay invisible (no object exists until completion); a bucket lifecycle rule
            // for incomplete multipart uploads removes them.
            cause.addSuppressed(e);
        }
    }

    private String key(BlobId id) {
        return location.key(relative(id));
    }

    private static String relative(BlobId id) {
        String hex = id.sha256();
        return "sha256/" + hex.substring(0, 2) + "/" + hex.substring(2);
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has " + algorithm, e);
        }
    }

    /** What spooling found: the blob's name and size, and the MD5 of each part, base64. */
    private record Spooled(BlobId id, long size, List<String> partMd5) {}
}
