package io.mlops.cli.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.mlops.cli.Main;
import io.mlops.data.SnapshotRequest;
import io.mlops.data.Snapshots;
import io.mlops.home.SuiteHome;
import io.mlops.objectstore.S3Clients;
import io.mlops.objectstore.S3Settings;
import io.mlops.progress.ProgressListener;
import io.mlops.testing.FaultInjectingProxy;
import io.mlops.testing.MotoExtension;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** {@code mlops data push|pull --remote s3://...} against moto, and remotes the suite does not support. */
class DataRemoteTest {
    @RegisterExtension
    static final MotoExtension S3 = new MotoExtension();

    @TempDir
    Path tmp;

    private Path laptop;
    private String id;
    private String bucket;

    @BeforeEach
    void setUp(org.junit.jupiter.api.TestInfo test) throws IOException {
        laptop = tmp.resolve("laptop");
        Path data = Files.createDirectories(tmp.resolve("data"));
        for (int i = 0; i < 40; i++) {
            Files.writeString(data.resolve("file-" + i + ".txt"), "content " + i);
        }
        id = Snapshots.open(new SuiteHome(laptop))
                .take(data, new SnapshotRequest("ds", null, false, 4), ProgressListener.NONE)
                .snapshot()
                .id();
        bucket = "cli-"
                + test.getTestMethod().orElseThrow().getName().toLowerCase().substring(0, 20);
        S3.server().createBucket(bucket);
    }

    @Test
    void shouldRefuseAnUnsupportedSchemeByNameAndWriteNothing() {
        Run run = mlops(Map.of(), "--home", laptop.toString(), "data", "push", id, "--remote", "gs://bucket/x");

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.err())
                .contains("storage location 'gs://bucket/x': the scheme gs:// is not supported")
                .doesNotContain("Exception");
        assertThat(Path.of("gs:")).doesNotExist();
    }

    @Test
    void shouldUseTheDvcRepositorysDefaultRemoteWhenNoRemoteIsGiven() throws IOException {
        Path repo = tmp.resolve("repo");
        Path data = Files.createDirectories(repo.resolve("data"));
        for (int i = 0; i < 3; i++) {
            Files.writeString(data.resolve("part-" + i + ".csv"), "row " + i);
        }
        Files.createDirectories(repo.resolve(".dvc"));
        // as `dvc remote add -d store s3://BUCKET/dvc` and `dvc remote modify store endpointurl URL` write it
        Files.writeString(
                repo.resolve(".dvc/config"),
                "[core]\n    remote = store\n['remote \"store\"']\n" + "    url = s3://" + bucket
                        + "/dvc\n    endpointurl = " + S3.server().endpoint() + "\n");
        Run snapshot = mlops(Map.of(), "--home", laptop.toString(), "data", "snapshot", data.toString());
        assertThat(snapshot.status()).as(snapshot.err()).isZero();
        String pointer = repo.resolve("data.dvc").toString();
        Map<String, String> withoutEndpoint = new HashMap<>(S3.server().environment());
        withoutEndpoint.remove(S3Settings.ENDPOINT_S3);

        Run push = mlops(withoutEndpoint, "--home", laptop.toString(), "data", "push", pointer);

        assertThat(push.status()).as(push.err()).isZero();
        assertThat(push.out()).contains("to s3://" + bucket + "/dvc: 4 objects copied");
        assertThat(keys().keySet()).hasSize(4).allSatisfy(key -> assertThat(key).startsWith("dvc/files/md5/"));

        deleteTree(repo.resolve(".dvc/cache"));
        Run pull = mlops(withoutEndpoint, "--home", tmp.resolve("agent").toString(), "data", "pull", pointer);
        assertThat(pull.status()).as(pull.err()).isZero();
        assertThat(pull.out()).contains("from s3://" + bucket + "/dvc: 4 objects copied");
    }

    @Test
    void shouldAskForARemoteWhenNoneIsGivenAndNoDvcDefaultIsSet() {
        Run push = mlops(S3.server().environment(), "--home", laptop.toString(), "data", "push", id);

        assertThat(push.status()).isEqualTo(1);
        assertThat(push.err()).contains("no --remote given").doesNotContain("Exception");
    }

    @Test
    void shouldPushToS3InsteadOfADirectoryNamedS3AndPullOnAnotherMachine() {
        Map<String, String> environment = S3.server().environment();
        Run push = mlops(
                environment,
                "--home",
                laptop.toString(),
                "data",
                "push",
                id,
                "--remote",
                "s3://" + bucket + "/x",
                "--jobs",
                "4");

        assertThat(push.status()).as(push.err()).isZero();
        assertThat(push.out()).contains("41 objects copied, 0 already there");
        assertThat(Path.of("s3:"))
                .as("the old bug: a directory named s3: in the working directory")
                .doesNotExist();
        assertThat(keys()).hasSize(41);

        // the other machine names the endpoint on the command line instead of in its environment
        Map<String, String> withoutEndpoint = new HashMap<>(environment);
        withoutEndpoint.remove(S3Settings.ENDPOINT_S3);
        Path agent = tmp.resolve("agent");
        Run pull = mlops(
                withoutEndpoint,
                "--home",
                agent.toString(),
                "data",
                "pull",
                id,
                "--remote",
                "s3://" + bucket + "/x",
                "--endpoint-url",
                S3.server().endpoint().toString());
        assertThat(pull.status()).as(pull.err()).isZero();
        assertThat(pull.out()).contains("41 objects copied, 0 already here");
        Run checkout = mlops(
                Map.of(),
                "--home",
                agent.toString(),
                "data",
                "checkout",
                id,
                tmp.resolve("out").toString());
        assertThat(checkout.status()).as(checkout.err()).isZero();
        assertThat(tmp.resolve("out/file-39.txt")).hasContent("content 39");
    }

    @Test
    void shouldResumeAPushKilledWithKill9WithoutPartialObjectsOrResending() throws Exception {
        try (FaultInjectingProxy proxy = FaultInjectingProxy.start(S3.server().endpoint())) {
            Map<String, String> throughProxy = new HashMap<>(S3.server().environment());
            throughProxy.put(S3Settings.ENDPOINT_S3, proxy.endpoint().toString());
            proxy.holdAfterUploads(10);
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    Main.class.getName()));
            command.addAll(List.of(
                    "--home",
                    laptop.toString(),
                    "data",
                    "push",
                    id,
                    "--remote",
                    "s3://" + bucket + "/x",
                    "--jobs",
                    "2"));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(tmp.resolve("push.log").toFile());
            builder.environment().putAll(throughProxy);
            Process push = builder.start();
            try {
                assertThat(proxy.awaitHeld(Duration.ofMinutes(2)))
                        .as("the push got under way: " + Files.readString(tmp.resolve("push.log")))
                        .isTrue();
            } finally {
                push.destroyForcibly().waitFor(); // kill -9 while uploads are in flight
            }

            Map<String, Long> visible = keys();
            assertThat(visible).hasSize(10);
            try (S3Client client = S3Clients.open(S3.server().settings(), 1)) {
                for (String key : visible.keySet()) {
                    byte[] content = client.getObjectAsBytes(
                                    r -> r.bucket(bucket).key(key))
                            .asByteArray();
                    assertThat(HexFormat.of()
                                    .formatHex(MessageDigest.getInstance("MD5").digest(content)))
                            .as("nothing partial is visible: " + key)
                            .isEqualTo(key.replace("x/files/md5/", "").replace("/", ""));
                }
            }

            proxy.heal();
            proxy.resetCounts();
            Run resumed = mlops(
                    throughProxy, "--home", laptop.toString(), "data", "push", id, "--remote", "s3://" + bucket + "/x");

            assertThat(resumed.status()).as(resumed.err()).isZero();
            assertThat(resumed.out()).contains("31 objects copied, 10 already there");
            assertThat(proxy.forwarded("PUT")).as("nothing sent twice").isEqualTo(31);
        }
        assertThat(keys()).hasSize(41);
    }

    private Map<String, Long> keys() {
        Map<String, Long> keys = new java.util.TreeMap<>();
        try (S3Client client = S3Clients.open(S3.server().settings(), 1)) {
            for (S3Object object :
                    client.listObjectsV2Paginator(r -> r.bucket(bucket)).contents()) {
                keys.put(object.key(), object.size());
            }
        }
        return keys;
    }

    private static void deleteTree(Path root) throws IOException {
        try (java.util.stream.Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                path.toFile().setWritable(true);
                Files.delete(path);
            }
        }
    }

    private record Run(int status, String out, String err) {}

    private static Run mlops(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.run(args, new PrintWriter(out), new PrintWriter(err), environment);
        return new Run(status, out.toString(), err.toString());
    }
}
