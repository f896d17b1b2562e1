package io.mlops.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import io.mlops.error.UserError;
import io.mlops.progress.ProgressListener;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectCacheTest {
    @TempDir
    Path tmp;

    /**
     * A full disk cannot be made on demand here without privileges, so the cache goes on Jimfs, an
     * in-memory file system that enforces a real size limit and fails writes past it as a disk does.
     */
    @Test
    void shouldLeaveNoPartialObjectWhenTheDiskFillsUp() throws IOException {
        byte[] big = new byte[3 * ObjectCache.WHOLE_READ_LIMIT];
        new Random(3).nextBytes(big);
        Path source = Files.write(tmp.resolve("big.bin"), big);
        byte[] small = new byte[ObjectCache.WHOLE_READ_LIMIT - 1];
        new Random(4).nextBytes(small);
        Path smallSource = Files.write(tmp.resolve("small.bin"), small);
        Configuration fourMegabytes = Configuration.unix().toBuilder()
                .setMaxSize(4L * 1024 * 1024)
                .setBlockSize(4096)
                .build();
        try (FileSystem disk = Jimfs.newFileSystem(fourMegabytes)) {
            ObjectCache cache = new ObjectCache(disk.getPath("/cache"));
            cache.ingest(smallSource, stamp(smallSource), ProgressListener.NONE);
            List<Path> before = regularFiles(disk.getPath("/cache"));

            assertThatThrownBy(() -> cache.ingest(source, stamp(source), ProgressListener.NONE))
                    .isInstanceOf(UserError.class)
                    .hasMessageContaining("cannot store " + source + " in the cache /cache")
                    .hasMessageContaining("space");
            assertThat(regularFiles(disk.getPath("/cache"))).isEqualTo(before);
            assertThat(before).hasSize(1);
        }
    }

    @Test
    void shouldVerifyObjectsCopiedBetweenStores() throws IOException {
        ObjectCache local = new ObjectCache(tmp.resolve("local"));
        ObjectCache remote = new ObjectCache(tmp.resolve("remote"));
        Path payload = Files.writeString(tmp.resolve("x"), "payload");
        ObjectId id =
                local.ingest(payload, stamp(payload), ProgressListener.NONE).id();
        Path object = local.pathOf(id);
        object.toFile().setWritable(true);
        Files.writeString(object, "tampered");

        assertThatThrownBy(() -> remote.copyFrom(local, id))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("corrupt object " + object);
        assertThat(remote.contains(id)).isFalse();
        assertThat(regularFiles(remote.root())).isEmpty();
    }

    private static FileStamp stamp(Path file) throws IOException {
        return FileStamp.of(Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class));
    }

    private static List<Path> regularFiles(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
