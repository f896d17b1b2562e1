package io.mlops.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBlobStoreTest {
    @TempDir
    Path root;

    @Test
    void shouldNameABlobByTheSha256OfItsBytes() throws IOException {
        LocalBlobStore store = new LocalBlobStore(root);

        Blob blob = store.put(stream("hello\n"));

        // sha256sum of "hello\n"
        assertThat(blob.id().sha256()).isEqualTo("5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03");
        assertThat(blob.size()).isEqualTo(6);
        assertThat(store.contains(blob.id())).isTrue();
        try (InputStream in = store.open(blob.id())) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("hello\n");
        }
        assertThat(root.resolve("sha256/58/91b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03"))
                .isRegularFile();
    }

    @Test
    void shouldStoreEqualContentOnce() throws IOException {
        LocalBlobStore store = new LocalBlobStore(root);

        Blob first = store.put(stream("same"));
        Blob second = store.put(stream("same"));

        assertThat(second).isEqualTo(first);
        assertThat(files(root.resolve("sha256"))).isEqualTo(1);
    }

    @Test
    void shouldLeaveNothingWhenTheUploadIsCutOff() throws IOException {
        LocalBlobStore store = new LocalBlobStore(root);
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

        assertThat(files(root.resolve("sha256"))).isZero();
        assertThat(files(root.resolve("tmp"))).isZero();
    }

    @Test
    void shouldReportAMissingBlob() {
        LocalBlobStore store = new LocalBlobStore(root);
        BlobId missing = new BlobId("0".repeat(64));

        assertThat(store.contains(missing)).isFalse();
        assertThatThrownBy(() -> store.open(missing)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void shouldValidateBlobIds() {
        assertThatThrownBy(() -> new BlobId("ABC")).isInstanceOf(IllegalArgumentException.class);
        assertThat(BlobId.parse("f".repeat(64))).isEqualTo(new BlobId("f".repeat(64)));
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static long files(Path directory) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile).count();
        }
    }
}
