package io.mlops.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.error.UserError;
import io.mlops.home.SuiteHome;
import io.mlops.progress.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotsTest {
    @TempDir
    Path tmp;

    private Path data;
    private SuiteHome home;
    private Snapshots snapshots;

    @BeforeEach
    void setUp() throws IOException {
        data = Files.createDirectories(tmp.resolve("data"));
        home = new SuiteHome(tmp.resolve("home"));
        snapshots = Snapshots.open(home);
        write("images/cat.jpg", "meow");
        write("images/dog.jpg", "woof");
        write("labels.csv", "cat,1\ndog,2\n");
    }

    @Test
    void shouldRecordManifestSizesAndMetadata() {
        SnapshotResult result = take("pets", "first cut");

        Snapshot snapshot = result.snapshot();
        assertThat(result.created()).isTrue();
        assertThat(snapshot.fileCount()).isEqualTo(3);
        assertThat(snapshot.totalSize()).isEqualTo(4 + 4 + 12);
        assertThat(snapshot.names()).containsExactly("pets");
        assertThat(snapshot.message()).isEqualTo("first cut");
        assertThat(snapshot.git()).isNull();
        assertThat(snapshot.directory()).isTrue();
        assertThat(snapshots.resolve("pets").manifest().entries())
                .extracting(ManifestEntry::path, ManifestEntry::md5)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("images/cat.jpg", md5("meow")),
                        org.assertj.core.groups.Tuple.tuple("images/dog.jpg", md5("woof")),
                        org.assertj.core.groups.Tuple.tuple("labels.csv", md5("cat,1\ndog,2\n")));
        assertThat(home.cache().resolve(new ObjectId(md5("meow"), false).cachePath()))
                .hasContent("meow");
    }

    @Test
    void shouldGiveTheSameIdAndStoreNothingNewForUnchangedData() throws IOException {
        SnapshotResult first = take("pets", null);
        List<Path> cacheBefore = filesUnder(home.cache());

        SnapshotResult second = take("pets-again", null);

        assertThat(second.snapshot().id()).isEqualTo(first.snapshot().id());
        assertThat(second.created()).isFalse();
        assertThat(second.hashedFiles()).isZero();
        assertThat(filesUnder(home.cache())).isEqualTo(cacheBefore);
        assertThat(second.snapshot().names()).containsExactly("pets", "pets-again");
        assertThat(second.snapshot().createdAt()).isEqualTo(first.snapshot().createdAt());
    }

    @Test
    void shouldGiveANewIdWhenOneByteChanges() throws IOException {
        SnapshotResult first = take("pets", null);
        write("labels.csv", "cat,1\ndog,3\n");

        SnapshotResult second = take("pets", null);

        assertThat(second.snapshot().id()).isNotEqualTo(first.snapshot().id());
        assertThat(second.hashedFiles()).isEqualTo(1);
        assertThat(snapshots.find("pets").id()).isEqualTo(second.snapshot().id());
        assertThat(snapshots.list()).hasSize(2);
    }

    @Test
    void shouldSnapshotASingleFile() {
        SnapshotResult result = snapshots.take(data.resolve("labels.csv"), request(null, null), ProgressListener.NONE);

        assertThat(result.snapshot().id()).isEqualTo(md5("cat,1\ndog,2\n"));
        assertThat(result.snapshot().directory()).isFalse();
        assertThat(result.snapshot().fileCount()).isEqualTo(1);
    }

    @Test
    void shouldStreamFilesLargerThanTheWholeReadLimit() throws IOException {
        byte[] big = new byte[ObjectCache.WHOLE_READ_LIMIT * 2 + 12345];
        new Random(7).nextBytes(big);
        Files.write(data.resolve("big.bin"), big);

        SnapshotResult result = take(null, null);

        ManifestEntry entry =
                snapshots.resolve(result.snapshot().id()).manifest().byPath().get("big.bin");
        assertThat(entry.md5()).isEqualTo(md5(big));
        assertThat(entry.size()).isEqualTo(big.length);
        assertThat(home.cache().resolve(entry.objectId().cachePath())).hasBinaryContent(big);
    }

    @Test
    void shouldMakeCacheObjectsReadOnly() {
        take(null, null);

        Path object = home.cache().resolve(new ObjectId(md5("meow"), false).cachePath());
        assertThat(PosixFilePermissions.toString(permissions(object))).isEqualTo("r--r--r--");
    }

    @Test
    void shouldRejectAMissingPath() {
        assertThatThrownBy(() -> snapshots.take(tmp.resolve("nope"), request(null, null), ProgressListener.NONE))
                .isInstanceOf(UserError.class)
                .hasMessage("no such file or directory: " + tmp.resolve("nope"));
        assertThat(home.cache()).doesNotExist();
    }

    @Test
    void shouldRejectAnUnreadableDirectory() throws Exception {
        Path locked = Files.createDirectories(data.resolve("locked"));
        Files.writeString(locked.resolve("secret.txt"), "x");
        if (!Files.isReadable(locked.resolve("secret.txt")) || "root".equals(System.getProperty("user.name"))) {
            // root reads anything: show the error to an unprivileged process instead
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path scratch = Files.createDirectories(tmp.resolve("scratch"));
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
            var probe = TreeScanProbe.scanAsNobody(data, scratch);
            assertThat(probe.exitCode()).as(probe.output()).isEqualTo(1);
            assertThat(probe.output().strip()).isEqualTo("permission denied: cannot read " + locked.toRealPath());
        }
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            if (!Files.isReadable(locked)) {
                assertThatThrownBy(() -> take(null, null))
                        .isInstanceOf(UserError.class)
                        .hasMessage("permission denied: cannot read " + locked);
                assertThat(snapshots.list()).isEmpty();
            }
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void shouldRejectAFifoAsNotARegularFile() throws Exception {
        Path fifo = data.resolve("pipe");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assertThat(mkfifo.waitFor()).isZero();

        assertThatThrownBy(() -> take(null, null))
                .isInstanceOf(UserError.class)
                .hasMessage("not a regular file (device, FIFO or socket): " + fifo);
        assertThat(snapshots.list()).isEmpty();
    }

    @Test
    void shouldRejectASymlinkLoop() throws IOException {
        Files.createSymbolicLink(data.resolve("images/loop"), data);

        assertThatThrownBy(() -> take(null, null))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("symbolic link loop: " + data.resolve("images/loop"));
        assertThat(snapshots.list()).isEmpty();
    }

    @Test
    void shouldRejectABrokenSymlink() throws IOException {
        Files.createSymbolicLink(data.resolve("gone"), tmp.resolve("nowhere"));

        assertThatThrownBy(() -> take(null, null))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("broken symbolic link: " + data.resolve("gone"));
    }

    @Test
    void shouldFollowSymlinksToFilesOutsideTheTree() throws IOException {
        Path outside = Files.writeString(tmp.resolve("outside.txt"), "linked");
        Files.createSymbolicLink(data.resolve("link.txt"), outside);

        SnapshotResult result = take(null, null);

        assertThat(snapshots
                        .resolve(result.snapshot().id())
                        .manifest()
                        .byPath()
                        .get("link.txt")
                        .md5())
                .isEqualTo(md5("linked"));
    }

    @Test
    void shouldRehashAFileThatChangedWhileBeingHashed() {
        Path victim = data.resolve("labels.csv");
        AtomicInteger changes = new AtomicInteger();
        ProgressListener changeOnce = new ProgressListener() {
            @Override
            public void advance(long files, long bytes) {
                if (files == 0 && bytes == 12 && changes.getAndIncrement() == 0) {
                    append(victim, "bird,3\n");
                }
            }
        };

        SnapshotResult result = snapshots.take(data, request(null, null), changeOnce);

        assertThat(changes.get()).isEqualTo(1);
        String recorded = snapshots
                .resolve(result.snapshot().id())
                .manifest()
                .byPath()
                .get("labels.csv")
                .md5();
        assertThat(recorded).isEqualTo(md5("cat,1\ndog,2\nbird,3\n"));
    }

    @Test
    void shouldNeverStoreAnObjectForALargeFileThatChangedWhileRead() throws IOException {
        Path big = data.resolve("big.bin");
        byte[] original = new byte[ObjectCache.WHOLE_READ_LIMIT + 4096];
        new Random(11).nextBytes(original);
        Files.write(big, original);
        AtomicInteger changes = new AtomicInteger();
        ProgressListener changeOnce = new ProgressListener() {
            @Override
            public void advance(long files, long bytes) {
                if (files == 0 && bytes > 12 && changes.getAndIncrement() == 0) {
                    append(big, "appended while being hashed");
                }
            }
        };

        SnapshotResult result = snapshots.take(data, request(null, null), changeOnce);

        byte[] now = Files.readAllBytes(big);
        String recorded = snapshots
                .resolve(result.snapshot().id())
                .manifest()
                .byPath()
                .get("big.bin")
                .md5();
        assertThat(recorded).isEqualTo(md5(now));
        assertThat(home.cache().resolve(new ObjectId(md5(original), false).cachePath()))
                .doesNotExist();
        assertThat(home.cache().resolve(new ObjectId(md5(now), false).cachePath()))
                .hasBinaryContent(now);
    }

    @Test
    void shouldFailAndRecordNothingWhenAFileKeepsChanging() {
        Path victim = data.resolve("labels.csv");
        ProgressListener alwaysChange = new ProgressListener() {
            @Override
            public void advance(long files, long bytes) {
                if (files == 0 && bytes >= 12) {
                    append(victim, "x");
                }
            }
        };

        assertThatThrownBy(() -> snapshots.take(data, request(null, null), alwaysChange))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("file kept changing while being hashed (3 attempts): " + victim);
        assertThat(snapshots.list()).isEmpty();
    }

    @Test
    void shouldLetTwoSnapshotsOfOverlappingDataShareOneCacheAtOnce() throws Exception {
        Path other = Files.createDirectories(tmp.resolve("other"));
        Random random = new Random(1);
        for (int i = 0; i < 300; i++) {
            byte[] bytes = new byte[random.nextInt(5000) + 1];
            random.nextBytes(bytes);
            Files.write(data.resolve("shared-" + i + ".bin"), bytes);
            Files.write(other.resolve("shared-" + i + ".bin"), bytes);
        }
        Files.writeString(other.resolve("only-other.txt"), "other");
        Snapshots second = Snapshots.open(home);

        CompletableFuture<SnapshotResult> fromData = CompletableFuture.supplyAsync(() -> take(null, null));
        SnapshotResult fromOther = second.take(other, request("other", null), ProgressListener.NONE);
        fromData.join();

        assertThat(snapshots.list()).hasSize(2);
        assertThat(fromOther.snapshot().fileCount()).isEqualTo(301);
        for (Path object : filesUnder(home.cache().resolve("files"))) {
            String name = home.cache()
                    .resolve("files/md5")
                    .relativize(object)
                    .toString()
                    .replace("/", "");
            assertThat(name).doesNotContain(".tmp");
            if (!name.endsWith(".dir")) {
                assertThat(md5(Files.readAllBytes(object)))
                        .as(object.toString())
                        .isEqualTo(name);
            }
        }
        Path restored = tmp.resolve("restored");
        snapshots.checkout("other", restored, false, 4, ProgressListener.NONE);
        assertThat(restored.resolve("shared-7.bin")).hasSameBinaryContentAs(other.resolve("shared-7.bin"));
    }

    @Test
    void shouldFindSnapshotsByNameIdAndUniquePrefix() {
        String id = take("pets", null).snapshot().id();

        assertThat(snapshots.find("pets").id()).isEqualTo(id);
        assertThat(snapshots.find(id).id()).isEqualTo(id);
        assertThat(snapshots.find(id.substring(0, 6)).id()).isEqualTo(id);
        assertThatThrownBy(() -> snapshots.find("cats"))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("no snapshot with id or name 'cats'");
    }

    @Test
    void shouldRejectABadName() {
        assertThatThrownBy(() -> request("../x", null))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("'../x'");
    }

    @Test
    void shouldDiffAddedRemovedAndModifiedPaths() throws IOException {
        take("v1", null);
        write("labels.csv", "cat,1\n");
        Files.delete(data.resolve("images/dog.jpg"));
        write("images/bird.jpg", "tweet!");
        take("v2", null);

        SnapshotDiff diff = snapshots.diff("v1", "v2");

        assertThat(diff.changes())
                .containsExactly(
                        new SnapshotDiff.Change("images/bird.jpg", SnapshotDiff.Kind.ADDED, -1, 6),
                        new SnapshotDiff.Change("images/dog.jpg", SnapshotDiff.Kind.REMOVED, 4, -1),
                        new SnapshotDiff.Change("labels.csv", SnapshotDiff.Kind.MODIFIED, 12, 6));
    }

    private SnapshotResult take(String name, String message) {
        return snapshots.take(data, request(name, message), ProgressListener.NONE);
    }

    static SnapshotRequest request(String name, String message) {
        return new SnapshotRequest(name, message, false, 4);
    }

    private void write(String relative, String content) throws IOException {
        Path file = data.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static void append(Path file, String text) {
        try {
            Files.writeString(file, text, StandardOpenOption.APPEND);
            // make sure the stamp moves even on a coarse clock
            Files.setLastModifiedTime(
                    file,
                    java.nio.file.attribute.FileTime.fromMillis(
                            Files.getLastModifiedTime(file).toMillis() + 1000));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> filesUnder(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static java.util.Set<java.nio.file.attribute.PosixFilePermission> permissions(Path path) {
        try {
            return Files.getPosixFilePermissions(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String md5(String text) {
        return md5(text.getBytes(StandardCharsets.UTF_8));
    }

    static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
