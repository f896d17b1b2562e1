package io.mlops.objectstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mlops.error.UserError;
import io.mlops.testing.MotoExtension;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The client the suite opens, against a real S3-compatible server (moto) on loopback. */
class S3ClientsTest {
    @RegisterExtension
    static final MotoExtension S3 = new MotoExtension();

    @Test
    void shouldWriteAndReadAnObjectWithPathStyleAddressing() {
        S3.server().createBucket("clients-roundtrip");
        try (S3Client client = S3Clients.open(S3.server().settings(), 4)) {
            client.putObject(
                    request -> request.bucket("clients-roundtrip").key("a/b.txt"), RequestBody.fromString("hello"));

            String read = client.getObjectAsBytes(
                            request -> request.bucket("clients-roundtrip").key("a/b.txt"))
                    .asString(StandardCharsets.UTF_8);

            assertThat(read).isEqualTo("hello");
        }
    }

    @Test
    void shouldDescribeAMissingBucketByName() {
        StorageLocation.S3 location = new StorageLocation.S3("no-such-bucket-here", "p");
        try (S3Client client = S3Clients.open(S3.server().settings(), 1)) {
            assertThatThrownBy(() -> {
                        try {
                            client.headBucket(request -> request.bucket(location.bucket()));
                        } catch (SdkException e) {
                            throw S3Failures.describe("listing", location, e);
                        }
                    })
                    .isInstanceOf(UserError.class)
                    .hasMessageContaining("s3://no-such-bucket-here/p")
                    .hasMessageContaining("listing");
        }
    }

    @Test
    void shouldDescribeAnUnreachableEndpointWithoutAStackTrace() {
        S3Settings nowhere = new S3Settings(
                Optional.of(URI.create("http://127.0.0.1:9")),
                Optional.of("us-east-1"),
                true,
                S3.server().settings().credentials());
        StorageLocation.S3 location = new StorageLocation.S3("bucket", "");
        try (S3Client client = S3Clients.open(nowhere, 1)) {
            assertThatThrownBy(() -> {
                        try {
                            client.headBucket(request -> request.bucket("bucket"));
                        } catch (SdkException e) {
                            throw S3Failures.describe("listing", location, e);
                        }
                    })
                    .isInstanceOf(UserError.class)
                    .hasMessageStartingWith("s3://bucket: listing failed");
        }
    }
}
