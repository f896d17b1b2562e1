package io.mlops.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.error.UserError;
import io.mlops.objectstore.S3Clients;
import io.mlops.objectstore.StorageLocation;
import io.mlops.testing.MotoExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.DelegatingS3Client;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/** The contract on a bucket of a real S3-compatible server (moto), and the bucket's layout. */
class S3BlobStoreTest extends BlobStoreContract {
    @RegisterExtension
    static final MotoExtension S3 = new MotoExtension();

    private static final AtomicInteger BUCKETS = new AtomicInteger();
    private static final long PART = 5L * 1024 * 1024;

    @TempDir
    Path spool;

    private S3Client client;
    private StorageLocation.S3 location;

    @BeforeEach
    void createBucket() {
        client = S3Clients.open(S3.server().settings(), 4);
        location = new StorageLocation.S3("blobs-" + BUCKETS.incrementAndGet(), "team/artifacts");
        S3.server().createBucket(location.bucket());
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Override
    BlobStore store() {
        return new S3BlobStore(client, location, spool, PART);
    }

    @Override
    long storedBlobs() {
        return client.listObjectsV2Paginator(request -> request.bucket(location.bucket())).contents().stream()
                .count();
    }

    @Override
    long leftovers() throws IOException {
        long uploads = client.listMultipartUploads(request -> request.bucket(location.bucket()))
                .uploads()
                .size();
        try (Stream<Path> files = Files.list(spool)) {
            return uploads + files.count();
        }
    }

    @Test
    void shouldRemoveTheSpoolFilesOfKilledUploadsOnStartAndKeepThoseOfLiveProcesses() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        Files.createDirectories(spool);
        Path killed = Files.writeString(spool.resolve("upload-" + finished.pid() + "-123.part"), "half");
        Path older = Files.writeString(spool.resolve("upload-4567.part"), "no process id in the name");
        Path live = Files.writeString(
                spool.resolve("upload-" + ProcessHandle.current().pid() + "-9.part"), "in flight");
        Path other = Files.writeString(spool.resolve("notes.txt"), "not a spool file");

        new S3BlobStore(client, location, spool, PART);

        assertThat(killed).doesNotExist();
        assertThat(older).doesNotExist();
        assertThat(live).exists();
        assertThat(other).exists();
    }

    @Test
    void shouldKeepABlobUnderItsDigestBelowThePrefix() throws IOException {
        store().put(stream("hello\n"));

        assertThat(client.listObjectsV2(request -> request.bucket(location.bucket())).contents().stream()
                        .map(S3Object::key))
                .containsExactly(
                        "team/artifacts/sha256/58/91b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03");
    }

    @Test
    void shouldAbortAMultipartUploadThatFailsAndLeaveNoObject() {
        S3Client failing = new DelegatingS3Client(client) {
            private int parts;

            @Override
            public UploadPartResponse uploadPart(UploadPartRequest request, RequestBody body) {
                if (++parts == 2) {
                    throw SdkClientException.create("connection reset by the object store");
                }
                return super.uploadPart(request, body);
            }
        };
        BlobStore store = new S3BlobStore(failing, location, spool, PART);

        assertThatThrownBy(() -> store.put(generated(3 * PART, 11)))
                .isInstanceOf(UserError.class)
                .hasMessageStartingWith("s3://" + location.bucket() + "/team/artifacts: upload of ")
                .hasMessageContaining("connection reset by the object store");

        assertThat(storedBlobs()).as("no object under any key").isZero();
        assertThat(client.listMultipartUploads(request -> request.bucket(location.bucket()))
                        .uploads())
                .as("the multipart upload was aborted")
                .isEmpty();
    }

    @Test
    void shouldNameTheBucketWhenItDoesNotExist() {
        S3BlobStore store = new S3BlobStore(client, new StorageLocation.S3("no-such-artifacts", "p"), spool, PART);

        assertThatThrownBy(store::check)
                .isInstanceOf(UserError.class)
                .hasMessage("s3://no-such-artifacts/p: listing the artifact store failed: bucket"
                        + " 'no-such-artifacts' does not exist");
    }
}
