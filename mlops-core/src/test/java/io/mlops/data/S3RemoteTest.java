package io.mlops.data;

import static io.mlops.data.SnapshotsTest.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.error.UserError;
import io.mlops.home.SuiteHome;
import io.mlops.objectstore.S3Clients;
import io.mlops.objectstore.S3Settings;
import io.mlops.objectstore.StorageLocation;
import io.mlops.progress.ProgressListener;
import io.mlops.testing.FaultInjectingProxy;
import io.mlops.testing.MotoExtension;
import io.mlops.testing.MotoServer;
import io.mlops.testing.Peers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The data remote in S3, against a real S3-compatible server (moto) on loopback. */
class S3RemoteTest {
    private static final AtomicInteger BUCKETS = new AtomicInteger();

    @RegisterExtension
    static final MotoExtension S3 = new MotoExtension();

    @TempDir
    Path tmp;

    private Snapshots laptop;
    private Snapshots agent;
    private StorageLocation.S3 location;

    @BeforeEach
    void setUp() {
        laptop = Snapshots.open(new SuiteHome(tmp.resolve("laptop")));
        agent = Snapshots.open(new SuiteHome(tmp.resolve("agent")));
        String bucket = "remote-" + BUCKETS.incrementAndGet() + "-"
                + ProcessHandle.current().pid();
        S3.server().createBucket(bucket);
        location = new StorageLocation.S3(bucket, "team/data");
    }

    @Test
    void shouldPushInDvcRemoteLayoutAndPullOnAnotherMachine() throws IOException {
        String id = take(sampleData(tmp.resolve("data")), "ds");

        try (Remote remote = Remote.open(location, S3.server().settings(), 4)) {
            TransferResult pushed = laptop.push("ds", remote, 4, ProgressListener.NONE);
            TransferResult again = laptop.push("ds", remote, 4, ProgressListener.NONE);
            TransferResult pulled = agent.pull(id, remote, null, 4, ProgressListener.NONE);

            assertThat(pushed).isEqualTo(new TransferResult(8, 0));
            assertThat(again).isEqualTo(new TransferResult(0, 8));
            assertThat(pulled).isEqualTo(new TransferResult(8, 0));
        }
        assertThat(keys()).containsKey("team/data/files/md5/" + id.substring(0, 2) + "/" + id.substring(2) + ".dir");
        assertThat(keys()).hasSize(8);
        agent.checkout(id, tmp.resolve("restored"), false, 2, ProgressListener.NONE);
        assertThat(tmp.resolve("restored/labels/ünïcode \"quoted\".txt")).hasContent("label");
        assertThat(tmp.resolve("restored/images/3.png")).hasContent("image 3");
    }

    @Test
    void shouldLetDvcPullWhatTheSuitePushed() throws IOException {
        Path ours = dvcRepo("ours");
        sampleData(ours.resolve("data"));
        take(ours.resolve("data"), "ds");
        try (Remote remote = Remote.open(location, S3.server().settings(), 4)) {
            laptop.push(ours.resolve("data.dvc").toString(), remote, 4, ProgressListener.NONE);
        }

        Path theirs = dvcRepo("theirs");
        Files.copy(ours.resolve("data.dvc"), theirs.resolve("data.dvc"));
        configureDvcRemote(theirs);
        assertThat(dvc(theirs, "pull")).contains("8 files fetched").doesNotContain("ERROR");

        assertThat(theirs.resolve("data/images/4.png")).hasContent("image 4");
        assertThat(theirs.resolve("data/labels/ünïcode \"quoted\".txt")).hasContent("label");
        assertThat(theirs.resolve("data/empty.txt")).isEmptyFile();
        assertThat(dvc(theirs, "status")).contains("Data and pipelines are up to date");
    }

    @Test
    void shouldPullWhatDvcPushed() throws IOException {
        Path theirs = dvcRepo("theirs");
        sampleData(theirs.resolve("data"));
        dvc(theirs, "add", "data");
        configureDvcRemote(theirs);
        assertThat(dvc(theirs, "push")).contains("8 files pushed");

        Path ours = dvcRepo("ours");
        Files.copy(theirs.resolve("data.dvc"), ours.resolve("data.dvc"));
        try (Remote remote = Remote.open(location, S3.server().settings(), 4)) {
            TransferResult pulled =
                    agent.pull(ours.resolve("data.dvc").toString(), remote, null, 4, ProgressListener.NONE);
            assertThat(pulled).isEqualTo(new TransferResult(8, 0));
        }
        agent.checkout(ours.resolve("data.dvc").toString(), ours.resolve("data"), false, 2, ProgressListener.NONE);

        assertThat(ours.resolve("data/images/0.png")).hasContent("image 0");
        assertThat(ours.resolve("data/labels/ünïcode \"quoted\".txt")).hasContent("label");
        assertThat(dvc(ours, "status")).contains("Data and pipelines are up to date");
    }

    @Test
    void shouldUploadLargeObjectsInPartsAndAbortWhenTheBytesDoNotMatchTheirName() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("big"));
        byte[] bytes = seeded(12 * 1024 * 1024 + 17, 7);
        Files.write(data.resolve("weights.bin"), bytes);
        String id = take(data, "big");
        ObjectCache corrupt = new ObjectCache(tmp.resolve("corrupt-cache"));
        ObjectId lie = new ObjectId("0123456789abcdef0123456789abcdef", false);
        Files.createDirectories(corrupt.pathOf(lie).getParent());
        Files.write(corrupt.pathOf(lie), seeded(11 * 1024 * 1024, 8));

        try (S3Remote remote = new S3Remote(location, S3Clients.open(S3.server().settings(), 4), 5L << 20, 2)) {
            laptop.push("big", remote, 2, ProgressListener.NONE);
            agent.pull(id, remote, null, 2, ProgressListener.NONE);
            assertThatThrownBy(() -> remote.upload(corrupt, lie))
                    .isInstanceOf(UserError.class)
                    .hasMessageContaining("corrupt object")
                    .hasMessageContaining("not pushed");
        }

        agent.checkout(id, tmp.resolve("restored"), false, 2, ProgressListener.NONE);
        assertThat(Files.readAllBytes(tmp.resolve("restored/weights.bin"))).isEqualTo(bytes);
        assertThat(keys()).doesNotContainKey(location.key(lie.cachePath())).hasSize(2);
        try (S3Client client = S3Clients.open(S3.server().settings(), 1)) {
            assertThat(client.listMultipartUploads(r -> r.bucket(location.bucket()))
                            .uploads())
                    .as("no multipart upload is left open")
                    .isEmpty();
        }
    }

    @Test
    void shouldPutObjectsUpToTheLimitWholeAndLargerOnesInPartsBothReadableByDvc() throws IOException {
        // a 6 MiB limit and 5 MiB parts: 4 MiB and exactly 6 MiB go in one PUT, 6 MiB + 1 in two parts
        Path ours = dvcRepo("ours");
        Path data = Files.createDirectories(ours.resolve("data"));
        int[] sizes = {4 << 20, 6 << 20, (6 << 20) + 1};
        for (int i = 0; i < sizes.length; i++) {
            Files.write(data.resolve("file-" + i + ".bin"), seeded(sizes[i], 50 + i));
        }
        take(data, "mixed");

        try (FaultInjectingProxy proxy = FaultInjectingProxy.start(S3.server().endpoint());
                S3Remote remote = new S3Remote(
                        location, S3Clients.open(through(proxy, S3.server().settings()), 6), 6L << 20, 5L << 20, 2)) {
            assertThat(laptop.push(ours.resolve("data.dvc").toString(), remote, 2, ProgressListener.NONE))
                    .isEqualTo(new TransferResult(4, 0));
            assertThat(proxy.forwarded("PUT"))
                    .as("one PUT per object up to the limit, and the directory manifest")
                    .isEqualTo(3);
            assertThat(proxy.forwarded("PART"))
                    .as("the object over the limit, in 2 parts")
                    .isEqualTo(2);
        }

        Path theirs = dvcRepo("theirs");
        Files.copy(ours.resolve("data.dvc"), theirs.resolve("data.dvc"));
        configureDvcRemote(theirs);
        assertThat(dvc(theirs, "pull")).contains("4 files fetched").doesNotContain("ERROR");
        for (int i = 0; i < sizes.length; i++) {
            assertThat(Files.readAllBytes(theirs.resolve("data/file-" + i + ".bin")))
                    .isEqualTo(seeded(sizes[i], 50 + i));
        }
    }

    @Test
    void shouldMoveBigObjectsInParallelPartsAndRangesAndFetchAgainWhenARangeIsCut() throws IOException {
        // one job: the parts of one object move in parallel beside it (two buffers of 5 MiB)
        Path data = Files.createDirectories(tmp.resolve("big"));
        for (int i = 0; i < 3; i++) {
            Files.write(data.resolve("weights-" + i + ".bin"), seeded(16 * 1024 * 1024 + 3 + i, 30 + i));
        }
        String id = take(data, "big");

        try (FaultInjectingProxy proxy = FaultInjectingProxy.start(S3.server().endpoint());
                S3Remote remote = new S3Remote(
                        location, S3Clients.open(through(proxy, S3.server().settings()), 6), 5L << 20, 1)) {
            assertThat(laptop.push("big", remote, 1, ProgressListener.NONE)).isEqualTo(new TransferResult(4, 0));
            assertThat(proxy.forwarded("PART"))
                    .as("4 parts per object of 16 MiB in 5 MiB parts, each sent once")
                    .isEqualTo(3 * 4);
            assertThat(proxy.forwarded("PUT")).as("the directory manifest").isEqualTo(1);

            proxy.resetCounts();
            proxy.cutDownloads(2);
            assertThat(agent.pull(id, remote, null, 1, ProgressListener.NONE)).isEqualTo(new TransferResult(4, 0));
            assertThat(proxy.forwarded("GET"))
                    .as("a GET and 3 ranged GETs per object, the manifest, and the fetches the cuts cost")
                    .isGreaterThan(3 * 4 + 1);
        }
        agent.checkout(id, tmp.resolve("restored"), false, 2, ProgressListener.NONE);
        for (int i = 0; i < 3; i++) {
            assertThat(Files.readAllBytes(tmp.resolve("restored/weights-" + i + ".bin")))
                    .isEqualTo(seeded(16 * 1024 * 1024 + 3 + i, 30 + i));
        }
        try (S3Client client = S3Clients.open(S3.server().settings(), 1)) {
            assertThat(client.listMultipartUploads(r -> r.bucket(location.bucket()))
                            .uploads())
                    .isEmpty();
        }
    }

    @Test
    void shouldRideOutThrottlingAndBodiesCutMidStream() throws IOException {
        String id = take(sampleData(tmp.resolve("data")), "ds");
        try (FaultInjectingProxy proxy = FaultInjectingProxy.start(S3.server().endpoint());
                Remote remote = Remote.open(location, through(proxy, S3.server().settings()), 2)) {
            proxy.slowDown("LIST", 2);
            proxy.slowDown("PUT", 3);
            TransferResult pushed = laptop.push("ds", remote, 2, ProgressListener.NONE);
            assertThat(pushed).isEqualTo(new TransferResult(8, 0));
            assertThat(proxy.forwarded("PUT"))
                    .as("each object reached the server once")
                    .isEqualTo(8);

            proxy.slowDown("GET", 2);
            proxy.cutDownloads(3);
            TransferResult pulled = agent.pull(id, remote, null, 2, ProgressListener.NONE);
            assertThat(pulled).isEqualTo(new TransferResult(8, 0));
        }
        agent.checkout(id, tmp.resolve("restored"), false, 2, ProgressListener.NONE);
        assertThat(tmp.resolve("restored/images/2.png")).hasContent("image 2");
        assertThat(tmp.resolve("restored/labels/ünïcode \"quoted\".txt")).hasContent("label");
    }

    @Test
    void shouldResumeAnInterruptedPushWithoutPartialObjectsOrResending() throws IOException {
        take(sampleData(tmp.resolve("data")), "ds");
        try (FaultInjectingProxy proxy = FaultInjectingProxy.start(S3.server().endpoint());
                Remote remote = Remote.open(location, through(proxy, S3.server().settings()), 1)) {
            proxy.dieAfterUploads(3);
            assertThatThrownBy(() -> laptop.push("ds", remote, 1, ProgressListener.NONE))
                    .isInstanceOf(UserError.class)
                    .hasMessageContaining("upload of team/data/files/md5/");

            Map<String, byte[]> visible = contents();
            assertThat(visible).hasSize(3);
            visible.forEach((key, content) -> assertThat(md5(content))
                    .as("the content of " + key + " matches its name: nothing partial is visible")
                    .isEqualTo(key.replace("team/data/files/md5/", "").replace("/", "")));

            proxy.heal();
            proxy.resetCounts();
            TransferResult resumed = laptop.push("ds", remote, 1, ProgressListener.NONE);

            assertThat(resumed).isEqualTo(new TransferResult(5, 3));
            assertThat(proxy.forwarded("PUT"))
                    .as("only what was missing is sent")
                    .isEqualTo(5);
            assertThat(proxy.forwarded("HEAD"))
                    .as("presence comes from listings")
                    .isZero();
        }
        assertThat(keys()).hasSize(8);
    }

    @Test
    void shouldRefuseWrongCredentialsClearlyAndWriteNothing() throws IOException {
        take(sampleData(tmp.resolve("data")), "ds");
        try (MotoServer checking = MotoServer.startCheckingCredentials(Peers.program("moto_server"))) {
            checking.createBucket("guarded");
            StorageLocation.S3 guarded = new StorageLocation.S3("guarded", "d");
            S3Settings good = checking.settings();
            S3Settings wrongSecret = good.withCredentials(new io.mlops.objectstore.S3Credentials(
                    good.credentials().orElseThrow().accessKeyId(), "not-the-secret", Optional.empty()));
            S3Settings unknownKey = good.withCredentials(
                    new io.mlops.objectstore.S3Credentials("AKIAUNKNOWN", "whatever", Optional.empty()));

            try (Remote remote = Remote.open(guarded, wrongSecret, 2)) {
                assertThatThrownBy(() -> laptop.push("ds", remote, 2, ProgressListener.NONE))
                        .isInstanceOf(UserError.class)
                        .hasMessageStartingWith("s3://guarded/d: listing")
                        .hasMessageContaining("SignatureDoesNotMatch")
                        .hasMessageContaining("check the access key")
                        .hasMessageNotContaining("not-the-secret");
            }
            try (Remote remote = Remote.open(guarded, unknownKey, 2)) {
                assertThatThrownBy(() -> laptop.push("ds", remote, 2, ProgressListener.NONE))
                        .isInstanceOf(UserError.class)
                        .hasMessageContaining("InvalidAccessKeyId");
            }
            try (S3Client client = S3Clients.open(good, 1)) {
                assertThat(client.listObjectsV2(r -> r.bucket("guarded")).contents())
                        .as("nothing written")
                        .isEmpty();
            }
            try (Remote remote = Remote.open(guarded, good, 2)) {
                assertThat(laptop.push("ds", remote, 2, ProgressListener.NONE)).isEqualTo(new TransferResult(8, 0));
            }
        }
    }

    @Test
    void shouldMoveManySmallFilesAndSomeLargeOnesAndSkipThemAllOnTheSecondPush() throws IOException {
        // CI-sized (600 x 1 KiB, 2 x 6 MiB in 5 MiB parts): the full 100k x 10 KiB and 20 x 100 MiB run in
        // bench/remote-bench.sh
        Path data = Files.createDirectories(tmp.resolve("many"));
        Random random = new Random(42);
        for (int i = 0; i < 600; i++) {
            Path file = data.resolve("d" + (i % 20)).resolve("f" + i + ".bin");
            Files.createDirectories(file.getParent());
            byte[] bytes = new byte[1024];
            random.nextBytes(bytes);
            Files.write(file, bytes);
        }
        for (int i = 0; i < 2; i++) {
            Files.write(data.resolve("large-" + i + ".bin"), seeded(6 * 1024 * 1024, 100 + i));
        }
        String id = take(data, "many");
        long directories = laptop.resolve("many").objects().stream()
                .map(object -> object.md5().substring(0, 2))
                .distinct()
                .count();

        try (FaultInjectingProxy proxy = FaultInjectingProxy.start(S3.server().endpoint());
                S3Remote remote = new S3Remote(
                        location, S3Clients.open(through(proxy, S3.server().settings()), 10), 5L << 20, 8)) {
            assertThat(laptop.push("many", remote, 8, ProgressListener.NONE)).isEqualTo(new TransferResult(603, 0));
            proxy.resetCounts();
            assertThat(laptop.push("many", remote, 8, ProgressListener.NONE)).isEqualTo(new TransferResult(0, 603));
            assertThat(proxy.forwarded("LIST"))
                    .as("one listing per two-hex-digit directory the objects fall into (under 1,000 objects each)")
                    .isEqualTo(directories);
            assertThat(proxy.forwarded("PUT") + proxy.forwarded("HEAD")).isZero();
            assertThat(agent.pull(id, remote, null, 8, ProgressListener.NONE)).isEqualTo(new TransferResult(603, 0));
        }
        agent.checkout(id, tmp.resolve("restored"), false, 4, ProgressListener.NONE);
        assertThat(Files.readAllBytes(tmp.resolve("restored/large-1.bin"))).isEqualTo(seeded(6 * 1024 * 1024, 101));
        assertThat(tmp.resolve("restored/d7/f587.bin")).hasSameBinaryContentAs(data.resolve("d7/f587.bin"));
    }

    private String take(Path data, String name) {
        return laptop.take(data, request(name, null), ProgressListener.NONE)
                .snapshot()
                .id();
    }

    private static S3Settings through(FaultInjectingProxy proxy, S3Settings settings) {
        return new S3Settings(Optional.of(proxy.endpoint()), settings.region(), true, settings.credentials());
    }

    private Map<String, Long> keys() {
        Map<String, Long> keys = new TreeMap<>();
        try (S3Client client = S3Clients.open(S3.server().settings(), 1)) {
            for (S3Object object : client.listObjectsV2Paginator(r -> r.bucket(location.bucket()))
                    .contents()) {
                keys.put(object.key(), object.size());
            }
        }
        return keys;
    }

    private Map<String, byte[]> contents() {
        Map<String, byte[]> contents = new TreeMap<>();
        try (S3Client client = S3Clients.open(S3.server().settings(), 1)) {
            for (String key : keys().keySet()) {
                contents.put(
                        key,
                        client.getObjectAsBytes(r -> r.bucket(location.bucket()).key(key))
                                .asByteArray());
            }
        }
        return contents;
    }

    private static String md5(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] seeded(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static Path sampleData(Path data) throws IOException {
        Files.createDirectories(data.resolve("images"));
        Files.createDirectories(data.resolve("labels"));
        for (int i = 0; i < 5; i++) {
            Files.writeString(data.resolve("images/" + i + ".png"), "image " + i);
        }
        Files.writeString(data.resolve("labels/ünïcode \"quoted\".txt"), "label");
        Files.writeString(data.resolve("empty.txt"), "");
        return data;
    }

    private Path dvcRepo(String name) throws IOException {
        Path repo = Files.createDirectories(tmp.resolve(name));
        dvc(repo, "init", "--no-scm", "-q");
        return repo;
    }

    private void configureDvcRemote(Path repo) {
        dvc(repo, "remote", "add", "-d", "store", location.toString());
        dvc(
                repo,
                "remote",
                "modify",
                "store",
                "endpointurl",
                S3.server().endpoint().toString());
    }

    private static String dvc(Path repo, String... args) {
        List<String> command =
                new java.util.ArrayList<>(List.of(Peers.program("dvc").toString()));
        command.addAll(List.of(args));
        io.mlops.testing.Processes.Result result =
                io.mlops.testing.Processes.run(repo, command, S3.server().environment());
        assertThat(result.exitCode())
                .as("dvc " + String.join(" ", args) + ":\n" + result.output())
                .isZero();
        return result.output();
    }
}
