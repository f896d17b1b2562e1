package io.mlops.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * What every {@link BlobStore} promises, run against each implementation: content addressing by
 * SHA-256, equal content stored once, nothing left after a cut-off upload, a missing blob reported
 * as such, and large blobs streamed both ways.
 */
abstract class BlobStoreContract {
    /**
     * The store under test, fresh and empty.
     *
     * @return the store
     */
    abstract BlobStore store();

    /**
     * How many blobs the store holds, counted in its own layout (files, objects).
     *
     * @return the number of stored blobs
     * @throws IOException when the store cannot be listed
     */
    abstract long storedBlobs() throws IOException;

    /**
     * What an upload in progress may leave behind (temporary files, unfinished multipart uploads).
     *
     * @return how many leftovers there are
     * @throws IOException when they cannot be listed
     */
    abstract long leftovers() throws IOException;

    @Test
    void shouldNameABlobByTheSha256OfItsBytes() throws IOException {
        BlobStore store = store();

        Blob blob = store.put(stream("hello\n"));

        // sha256sum of "hello\n"
        assertThat(blob.id().sha256()).isEqualTo("5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03");
        assertThat(blob.size()).isEqualTo(6);
        assertThat(store.contains(blob.id())).isTrue();
        try (InputStream in = store.open(blob.id())) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello\n");
        }
        assertThat(storedBlobs()).isEqualTo(1);
        assertThat(leftovers()).isZero();
    }

    @Test
    void shouldStoreAnEmptyBlob() throws IOException {
        BlobStore store = store();

        Blob blob = store.put(stream(""));

        assertThat(blob.id().sha256()).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(blob.size()).isZero();
        try (InputStream in = store.open(blob.id())) {
            assertThat(in.readAllBytes()).isEmpty();
        }
    }

    @Test
    void shouldStoreEqualContentOnce() throws IOException {
        BlobStore store = store();

        Blob first = store.put(stream("same"));
        Blob second = store.put(stream("same"));

        assertThat(second).isEqualTo(first);
        assertThat(storedBlobs()).isEqualTo(1);
    }

    @Test
    void shouldLeaveNothingWhenTheUploadIsCutOff() throws IOException {
        BlobStore store = store();
        InputStream cutOff = new InputStream() {
            private int sent;

            @Override
            public int read() throws IOException {
                if (sent++ < 100_000) {
                    return 'x';
                }
                throw new IOException("connection reset by peer");
            }
        };

        assertThatThrownBy(() -> store.put(cutOff))
                .isInstanceOf(IOException.class)
                .hasMessage("connection reset by peer");

        assertThat(storedBlobs()).isZero();
        assertThat(leftovers()).isZero();
    }

    @Test
    void shouldStreamABlobOfSeveralPartsBothWays() throws Exception {
        BlobStore store = store();
        long size = 12L * 1024 * 1024 + 12_345;
        MessageDigest sent = MessageDigest.getInstance("SHA-256");

        Blob blob = store.put(new DigestInputStream(generated(size, 7), sent));

        assertThat(blob.size()).isEqualTo(size);
        assertThat(blob.id().sha256()).isEqualTo(HexFormat.of().formatHex(sent.digest()));
        MessageDigest received = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(store.open(blob.id()), received)) {
            assertThat(in.transferTo(java.io.OutputStream.nullOutputStream())).isEqualTo(size);
        }
        assertThat(HexFormat.of().formatHex(received.digest()))
                .isEqualTo(blob.id().sha256());
        assertThat(leftovers()).isZero();
    }

    @Test
    void shouldReportAMissingBlob() {
        BlobStore store = store();
        BlobId missing = new BlobId("0".repeat(64));

        assertThat(store.contains(missing)).isFalse();
        assertThatThrownBy(() -> store.open(missing)).isInstanceOf(NoSuchFileException.class);
    }

    static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Seeded pseudo-random bytes, generated as they are read. */
    static InputStream generated(long size, long seed) {
        Random random = new Random(seed);
        return new InputStream() {
            private long left = size;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (left == 0) {
                    return -1;
                }
                int n = (int) Math.min(length, left);
                byte[] block = new byte[n];
                random.nextBytes(block);
                System.arraycopy(block, 0, buffer, offset, n);
                left -= n;
                return n;
            }
        };
    }
}
