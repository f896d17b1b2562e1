package io.mlops.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.mlops.blob.Blob;
import io.mlops.blob.S3BlobStore;
import io.mlops.error.UserError;
import io.mlops.home.SuiteHome;
import io.mlops.objectstore.S3Clients;
import io.mlops.objectstore.StorageLocation;
import io.mlops.registry.AliasName;
import io.mlops.registry.Change;
import io.mlops.registry.ModelCardFields;
import io.mlops.registry.NewVersion;
import io.mlops.registry.SourceArtifact;
import io.mlops.registry.webhook.DeliverySettings;
import io.mlops.registry.webhook.NewWebhook;
import io.mlops.registry.webhook.RetryPolicy;
import io.mlops.registry.webhook.WebhookDispatcher;
import io.mlops.registry.webhook.WebhookEvent;
import io.mlops.testing.MotoExtension;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** The composition root: every store from one location, closed once, and never under running work. */
class SuiteStoresTest {
    @RegisterExtension
    static final MotoExtension S3 = new MotoExtension();

    @TempDir
    Path directory;

    private SuiteStores open() {
        return SuiteStores.open(new SuiteHome(directory), null, null);
    }

    @Test
    void shouldOpenEveryStoreOnTheHomesDatabaseByDefault() {
        try (SuiteStores stores = open()) {
            assertThat(stores.database().url().file()).isEqualTo(directory.resolve("mlops.db"));
            assertThat(stores.artifacts()).isEqualTo(new StorageLocation.Directory(directory.resolve("artifacts")));
            stores.registry().createModel("persons", "", Map.of(), Change.by("alice"));
            String token = stores.tokens().issue("persons#1");
            assertThat(stores.tokens().verify(token)).contains("persons#1");
            assertThat(stores.snapshots()).isNotNull();
            assertThat(stores.labeledSnapshots()).isNotNull();
            assertThat(stores.tracking()).isNotNull();
            assertThat(stores.webhooks().list()).isEmpty();
            assertThat(stores.events().head()).isZero();
        }
    }

    @Test
    void shouldKeepArtifactsInTheBucketTheLocationNames() throws Exception {
        S3.server().createBucket("suite-artifacts");
        StorageLocation.S3 bucket = new StorageLocation.S3("suite-artifacts", "team");

        Blob blob;
        try (SuiteStores stores = SuiteStores.open(
                new SuiteHome(directory), null, bucket, S3.server().settings())) {
            assertThat(stores.artifacts()).isEqualTo(bucket);
            assertThat(stores.blobs()).isInstanceOf(S3BlobStore.class);
            blob = stores.blobs().put(new ByteArrayInputStream("weights".getBytes(StandardCharsets.UTF_8)));
            try (InputStream in = stores.blobs().open(blob.id())) {
                assertThat(in.readAllBytes()).asString(StandardCharsets.UTF_8).isEqualTo("weights");
            }
        }
        try (S3Client client = S3Clients.open(S3.server().settings(), 1)) {
            assertThat(client.listObjectsV2(request -> request.bucket("suite-artifacts")).contents().stream()
                            .map(S3Object::key))
                    .containsExactly("team/sha256/" + blob.id().sha256().substring(0, 2) + "/"
                            + blob.id().sha256().substring(2));
        }
    }

    @Test
    void shouldRefuseToOpenWhenTheArtifactBucketIsMissing() {
        StorageLocation.S3 bucket = new StorageLocation.S3("suite-no-such-bucket", "");

        assertThatThrownBy(() -> SuiteStores.open(
                        new SuiteHome(directory), null, bucket, S3.server().settings()))
                .isInstanceOf(UserError.class)
                .hasMessage("s3://suite-no-such-bucket: listing the artifact store failed: bucket"
                        + " 'suite-no-such-bucket' does not exist");
    }

    @Test
    void shouldKeepTheDatabaseOpenUntilTheLastRunningWorkEnds() {
        SuiteStores stores = open();
        SuiteStores.Reference build = stores.retain();

        // The host reopens its stores for a new configuration and closes the old ones at once.
        stores.close();
        stores.close();

        assertThat(stores.isOpen()).isTrue();
        stores.registry().createModel("persons", "", Map.of(), Change.by("a build still running"));
        assertThat(stores.registry().model("persons").name()).isEqualTo("persons");
        build.close();
        build.close();
        assertThat(stores.isOpen()).as("closed once the build ended").isFalse();
    }

    @Test
    void shouldCloseWhenTheOwnerAndEveryReferenceAreDone() {
        SuiteStores stores = open();
        SuiteStores.Reference build = stores.retain();
        build.close();
        assertThat(stores.isOpen()).isTrue();

        stores.close();

        assertThat(stores.isOpen()).isFalse();
        assertThatThrownBy(stores::retain).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldDeliverAChangeMadeThroughItsRegistryWithTheStartedDispatcher() throws Exception {
        BlockingQueue<String> received = new LinkedBlockingQueue<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
            }
            received.add(exchange.getRequestHeaders().getFirst(WebhookDispatcher.EVENT));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try (SuiteStores stores = open()) {
            stores.webhooks()
                    .add(new NewWebhook(
                            URI.create(
                                    "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"),
                            "0123456789abcdef-secret",
                            Set.of(WebhookEvent.ALIAS_MOVED),
                            null));
            // A long poll interval: only the wake-up of the in-process change can deliver in time.
            stores.startDispatcher(new DeliverySettings(
                    RetryPolicy.standard(), Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofHours(1)));
            stores.registry().createModel("persons", "", Map.of(), Change.by("alice"));
            stores.registry()
                    .registerVersion(
                            new NewVersion(
                                    "persons",
                                    new SourceArtifact("/m.onnx", "a".repeat(64), 1),
                                    null,
                                    List.of(),
                                    Map.of(),
                                    ModelCardFields.none(),
                                    ""),
                            Change.by("alice"));
            stores.registry().setAlias("persons", new AliasName("production"), 1, Change.by("bob"));

            assertThat(received.poll(60, TimeUnit.SECONDS)).isEqualTo("ALIAS_MOVED");
        } finally {
            receiver.stop(0);
        }
    }
}
