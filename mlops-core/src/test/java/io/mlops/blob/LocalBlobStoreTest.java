package io.mlops.blob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The contract on a directory, and the directory's layout. */
class LocalBlobStoreTest extends BlobStoreContract {
    @TempDir
    Path root;

    @Override
    BlobStore store() {
        return new LocalBlobStore(root);
    }

    @Override
    long storedBlobs() throws IOException {
        return files(root.resolve("sha256"));
    }

    @Override
    long leftovers() throws IOException {
        return files(root.resolve("tmp"));
    }

    @Test
    void shouldKeepABlobUnderItsDigest() throws IOException {
        new LocalBlobStore(root).put(stream("hello\n"));

        assertThat(root.resolve("sha256/58/91b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03"))
                .isRegularFile();
    }

    @Test
    void shouldValidateBlobIds() {
        assertThatThrownBy(() -> new BlobId("ABC")).isInstanceOf(IllegalArgumentException.class);
        assertThat(BlobId.parse("f".repeat(64))).isEqualTo(new BlobId("f".repeat(64)));
    }

    private static long files(Path directory) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(Files::isRegularFile).count();
        }
    }
}
